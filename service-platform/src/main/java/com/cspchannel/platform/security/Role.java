package com.cspchannel.platform.security;

import java.util.Optional;

/** Roles as carried in the token's {@code roles} claim. */
public enum Role {
    GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent,
    /** Platform role: feeds the shared reseller directory. */
    DirectoryAdmin,
    /** Platform role: runs operational actions such as rebuilding a view. */
    Operator;

    public static Optional<Role> parse(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
