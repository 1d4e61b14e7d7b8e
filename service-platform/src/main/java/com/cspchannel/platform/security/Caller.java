package com.cspchannel.platform.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller: who ({@code sub}), for which tenant ({@code tid}), as what kind of partner and
 * with which roles. Controllers receive it as a parameter and check the role a use case needs; a tenant's
 * data is always looked up with the caller's own tenant id, never one taken from the request.
 */
public record Caller(String userId, UUID tenantId, PartnerType partnerType, Set<Role> roles) {

    public static final String TENANT_CLAIM = "tid";
    public static final String ROLES_CLAIM = "roles";
    public static final String PARTNER_TYPE_CLAIM = "partner_type";

    /** Reads a validated token (see {@link CallerTokenValidator}). */
    public static Caller of(Jwt jwt) {
        PartnerType type = PartnerType.parse(jwt.getClaimAsString(PARTNER_TYPE_CLAIM)).orElseThrow();
        String tid = jwt.getClaimAsString(TENANT_CLAIM);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> names = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (names != null) {
            names.forEach(name -> Role.parse(name).ifPresent(roles::add));
        }
        return new Caller(jwt.getSubject(), tid == null ? null : UUID.fromString(tid), type, Set.copyOf(roles));
    }

    public boolean isProvider() {
        return partnerType == PartnerType.provider;
    }

    public boolean isReseller() {
        return partnerType == PartnerType.reseller;
    }

    public boolean hasAnyRole(Role... anyOf) {
        return Arrays.stream(anyOf).anyMatch(roles::contains);
    }

    /** A provider user with one of these roles (any role when none is given), else 403. */
    public Caller requireProvider(Role... anyOf) {
        if (!isProvider() || (anyOf.length > 0 && !hasAnyRole(anyOf))) {
            throw denied("a provider user with role " + describe(anyOf));
        }
        return this;
    }

    /** A reseller user with one of these roles (any role when none is given), else 403. */
    public Caller requireReseller(Role... anyOf) {
        if (!isReseller() || (anyOf.length > 0 && !hasAnyRole(anyOf))) {
            throw denied("a reseller user with role " + describe(anyOf));
        }
        return this;
    }

    /** A provider or reseller user (a tenant's user, not platform staff), else 403. */
    public Caller requireTenantUser() {
        if (!isProvider() && !isReseller()) {
            throw denied("a provider or reseller user");
        }
        return this;
    }

    /** A platform user with this role, else 403. */
    public Caller requirePlatform(Role role) {
        if (partnerType != PartnerType.platform || !roles.contains(role)) {
            throw denied("the platform role " + role);
        }
        return this;
    }

    private static String describe(Role... anyOf) {
        return anyOf.length == 0 ? "any" : String.join(" or ", Arrays.stream(anyOf).map(Role::name).toList());
    }

    private static AccessDeniedException denied(String needed) {
        return new AccessDeniedException("This action needs " + needed + ".");
    }
}
