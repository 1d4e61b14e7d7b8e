package com.cspchannel.partnership.query;

import java.time.Instant;
import java.util.UUID;

/** One provider-reseller partnership, with the names of both sides for listing. */
public record PartnershipEntry(UUID providerTenantId, String providerName, UUID resellerTenantId,
                               String resellerName, java.util.List<String> resellerPlaPartnerIds,
                               String cspRegion, State state, Instant since, Instant removedAt,
                               String removalReason) {

    public enum State { active, removed }
}
