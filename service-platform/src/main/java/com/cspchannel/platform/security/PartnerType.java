package com.cspchannel.platform.security;

import java.util.Optional;

/** The kind of caller, from the token's {@code partner_type} claim. */
public enum PartnerType {
    provider, reseller,
    /** Platform staff, not tied to a provider or reseller tenant. */
    platform;

    public static Optional<PartnerType> parse(String value) {
        for (PartnerType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
