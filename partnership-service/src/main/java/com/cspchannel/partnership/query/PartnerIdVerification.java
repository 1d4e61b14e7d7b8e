package com.cspchannel.partnership.query;

import java.util.List;
import java.util.UUID;

/**
 * The answer to "may this PartnerID be used with me?", mirroring Partner Center's verification codes.
 *
 * @param verified          true when the id is a PLA id of an active reseller in the provider's region with a
 *                          signed MPA
 * @param code              {@code ok} or the Partner Center code of the first failed check
 * @param partnerCenterCodes every Partner Center code that describes the failure (some have two)
 * @param partnered         whether the reseller has an active partnership with the caller
 */
public record PartnerIdVerification(String partnerId, boolean verified, String code, List<String> partnerCenterCodes,
                                    String message, ResellerSummary reseller, boolean partnered) {

    /** The reseller the id belongs to, when known. */
    public record ResellerSummary(UUID resellerTenantId, String name, String cspRegion, String programStatus,
                                  boolean pla) {
    }
}
