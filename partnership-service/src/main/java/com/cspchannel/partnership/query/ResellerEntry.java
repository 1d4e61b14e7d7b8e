package com.cspchannel.partnership.query;

import com.cspchannel.events.partnership.ProgramStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reseller as the directory view holds it. */
public record ResellerEntry(UUID resellerTenantId, String name, String contactEmail, String country,
                            String cspRegion, List<String> plaPartnerIds, String pgaPartnerId,
                            String preferredLanguage, List<String> mpaSignedRegions, ProgramStatus programStatus,
                            Instant enrolledAt, long version) {
}
