package com.cspchannel.platform.security;

import java.util.UUID;

/**
 * Whose data a read may return: a provider's own, or what a reseller administers (or holds a role on). Exactly
 * one of the two ids is set.
 */
public record TenantScope(UUID providerTenantId, UUID resellerTenantId) {

    public static TenantScope provider(UUID tenant) {
        return new TenantScope(tenant, null);
    }

    public static TenantScope reseller(UUID tenant) {
        return new TenantScope(null, tenant);
    }

    /** The scope of the caller: its provider's data, or its reseller's; refused for a caller of neither. */
    public static TenantScope of(Caller caller) {
        caller.requireTenantUser();
        return caller.isProvider() ? provider(caller.tenantId()) : reseller(caller.tenantId());
    }

    public boolean isProvider() {
        return providerTenantId != null;
    }
}
