package com.cspchannel.partnership.query;

import java.util.UUID;

/** A provider's profile as the view holds it. */
public record ProviderEntry(UUID providerTenantId, String name, String contactEmail, String cspRegion,
                            String partnerId, String preferredLanguage, long version) {
}
