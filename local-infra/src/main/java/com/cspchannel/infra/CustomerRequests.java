package com.cspchannel.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of {@code POST /api/v1/customers} for tests and benchmarks: a new company each time. */
public final class CustomerRequests {

    /** Microsoft 365 Business Basic, monthly: an offer every catalogue here knows. */
    public static final String BASIC = "CFQ7TTC0LH18:0001";

    private CustomerRequests() {
    }

    /**
     * A customer for a company with a new domain, associated with {@code reseller} (none when null) and, when
     * {@code pla} is given, with an initial order of 3 seats of {@link #BASIC} naming that PLA reseller of record.
     */
    public static Map<String, Object> newCustomer(UUID reseller, String pla) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyProfile", Map.of("companyName", "Wingtip", "domain",
                "wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com"));
        body.put("billingProfile", Map.of("firstName", "A", "lastName", "B", "email", "a@wingtip.example",
                "culture", "en-US", "language", "en", "companyName", "Wingtip", "defaultAddress",
                Map.of("addressLine1", "1 Main St", "city", "Vienna", "postalCode", "1010", "country", "AT")));
        if (reseller != null) {
            body.put("associatedPartnerId", reseller);
        }
        if (pla != null) {
            body.put("order", Map.of("lineItems", List.of(Map.of("offerId", BASIC, "quantity", 3,
                    "partnerIdOnRecord", pla))));
        }
        return body;
    }
}
