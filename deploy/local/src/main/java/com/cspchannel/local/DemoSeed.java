package com.cspchannel.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code --seed-demo}: demo data loaded through the services' HTTP APIs, as users would, so that it passes the
 * same rules and produces the same events. Running it again changes nothing: what exists already (409) or is
 * already removed (404) is fine, and partnerships that exist in any state are left alone.
 */
final class DemoSeed {

    static final UUID NORTHWIND_TENANT = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final UUID LITWARE_TENANT = UUID.fromString("44444444-4444-4444-8444-444444444444");

    static final String PROVIDER_NAME = "Contoso Distribution";
    static final String PROVIDER_PARTNER_ID = "4847383";
    static final String REGION = "Europe";

    /** A reseller of the demo directory. */
    record DemoReseller(UUID tenantId, String name, String contactEmail, String country, String plaPartnerId,
                        String pgaPartnerId, String preferredLanguage, boolean mpaSigned, String note) {
    }

    static final DemoReseller FABRIKAM = new DemoReseller(LocalStack.DEMO_RESELLER_TENANT, "Fabrikam GmbH",
            "partners@fabrikam.example", "DE", "5123456", "5100000", "de-DE", true,
            "MPA signed; partnered");
    static final DemoReseller NORTHWIND = new DemoReseller(NORTHWIND_TENANT, "Northwind Traders AG",
            "csp@northwind.example", "AT", "5234567", "5200000", "de-AT", false,
            "MPA not signed; partnered, then the partnership was removed");
    static final DemoReseller LITWARE = new DemoReseller(LITWARE_TENANT, "Litware Solutions GmbH",
            "office@litware.example", "DE", "5345678", "5300000", "de-DE", true,
            "MPA signed; not partnered. Its PGA (global) id 5300000 is what users mistakenly enter: "
                    + "verifying it answers 2204");

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String partnershipService;
    private final String customerService;
    private final String subscriptionService;
    private final TokenSet tokens;
    private final Logger log;

    DemoSeed(HttpClient http, List<ServiceSpec> services, TokenSet tokens, Logger log) {
        this.http = http;
        this.partnershipService = services.stream().filter(s -> s.name().equals("partnership-service"))
                .findFirst().orElseThrow().baseUrl();
        this.customerService = services.stream().filter(service -> service.name().equals("customer-service"))
                .findFirst().map(ServiceSpec::baseUrl).orElse(null);
        this.subscriptionService = services.stream().filter(service -> service.name().equals("subscription-service"))
                .findFirst().map(ServiceSpec::baseUrl).orElse(null);
        this.tokens = tokens;
        this.log = log;
    }

    /** Seeds and returns lines describing the demo data. */
    List<String> run() {
        log.info("seeding demo data through {}…", partnershipService);
        List<String> summary = new ArrayList<>();

        // the provider: the demo provider tenant registered in the CSP program registry
        String directoryAdmin = tokens.directoryAdmin();
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", PROVIDER_NAME);
        provider.put("contactEmail", "csp-partners@contoso-distribution.example");
        provider.put("cspRegion", REGION);
        provider.put("partnerId", PROVIDER_PARTNER_ID);
        provider.put("preferredLanguage", "en-US");
        Response saved = call("PUT", "/api/v1/providers/" + LocalStack.DEMO_PROVIDER_TENANT, directoryAdmin, provider,
                Set.of(200, 201));
        log.info("  provider {} {}", PROVIDER_NAME, saved.status() == 201 ? "registered" : "profile saved");
        summary.add("provider  " + PROVIDER_NAME + "  " + LocalStack.DEMO_PROVIDER_TENANT + "  PartnerID "
                + PROVIDER_PARTNER_ID + ", region " + REGION + " (the PROVIDER_* tokens)");

        // the reseller directory
        for (DemoReseller reseller : List.of(FABRIKAM, NORTHWIND, LITWARE)) {
            enrol(reseller);
        }

        // partnerships: invitation by the provider, acceptance by the reseller's GlobalAdmin
        Map<UUID, String> existing = partnershipStates();
        partner(FABRIKAM, existing);
        partner(NORTHWIND, existing);
        if (!"removed".equals(existing.get(NORTHWIND.tenantId()))) {
            Response removed = call("DELETE", "/api/v1/partnerships/" + NORTHWIND.tenantId(), tokens.providerAdmin(),
                    Map.of("goodFaithAttestation", true, "reason", "demo"), Set.of(200, 404));
            log.info("  partnership with {} {}", NORTHWIND.name(), removed.status() == 200 ? "removed"
                    : "already removed");
        }
        for (DemoReseller reseller : List.of(FABRIKAM, NORTHWIND, LITWARE)) {
            summary.add("reseller  " + reseller.name() + "  " + reseller.tenantId() + "  PLA " + reseller.plaPartnerId()
                    + ", PGA " + reseller.pgaPartnerId() + ": " + reseller.note()
                    + (reseller == FABRIKAM ? " (the RESELLER_* tokens)" : ""));
        }

        if (customerService != null) {
            String customerId = seedCustomer(summary);
            if (subscriptionService != null) {
                summary.add(seedSubscriptions(customerId));
            }
        }

        log.info("demo data ready");
        return summary;
    }

    /**
     * A customer of the demo provider created for Fabrikam, with an order naming Fabrikam reseller of record.
     * The customer service learns of the partnership from Kafka, so this retries while it is not known yet. The
     * Idempotency-Key makes a re-run answer the same customer. The temporary password is deliberately not shown:
     * it appears once, in the API answer, and the seed's output is written to a log file.
     */
    private String seedCustomer(List<String> summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyProfile", Map.of("companyName", "Wingtip Toys", "domain", "wingtiptoys-demo.onmicrosoft.com"));
        body.put("billingProfile", Map.of("firstName", "Jana", "lastName", "Novak", "email", "jana@wingtiptoys.example",
                "culture", "de-DE", "language", "de", "companyName", "Wingtip Toys GmbH",
                "defaultAddress", Map.of("addressLine1", "Hauptstrasse 1", "city", "Berlin", "postalCode", "10115",
                        "country", "DE")));
        body.put("associatedPartnerId", FABRIKAM.tenantId());
        body.put("order", Map.of("lineItems", List.of(
                Map.of("offerId", "CFQ7TTC0LH18:0001", "quantity", 10, "partnerIdOnRecord", FABRIKAM.plaPartnerId()),
                Map.of("offerId", "CFQ7TTC0LHXM:0001", "quantity", 5))));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Response created = callAt(customerService, "POST", "/api/v1/customers", tokens.providerAdmin(), body,
                    Set.of(200, 201, 422), Map.of("Idempotency-Key", "demo-customer-wingtip-toys"));
            if (created.status() != 422) {
                String id = created.json().path("id").asText();
                log.info("  customer Wingtip Toys {} for {}", created.status() == 201 ? "created" : "exists already",
                        FABRIKAM.name());
                summary.add("customer  Wingtip Toys  " + id + "  administered by " + FABRIKAM.name()
                        + "; admin admin@wingtiptoys-demo.onmicrosoft.com (reset its password to see one)");
                return id;
            }
            if (!created.body().contains("reseller-not-partnered") || System.nanoTime() > deadline) {
                throw new StartupFailure("creating the demo customer was refused: " + created.body(),
                        "demo seeding", null);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /**
     * The customer's subscriptions (from its initial order): Fabrikam becomes reseller of record of the Teams
     * subscription after its PartnerID is verified, and support contact of Business Basic.
     */
    private String seedSubscriptions(String customerId) {
        String path = "/api/v1/customers/" + customerId + "/subscriptions";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode items;
        while (true) {
            // 404 customer-not-found until subscription-service's copy of the customers has the new one
            items = callAt(subscriptionService, "GET", path, tokens.providerAdmin(), null, Set.of(200, 404),
                    Map.of()).json().path("items");
            if (items.size() >= 2 || System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        if (items.size() < 2) {
            throw new StartupFailure("the demo customer's subscriptions did not appear", "demo seeding", null);
        }
        String verified = call("GET", "/api/v1/resellers/verify?partnerId=" + FABRIKAM.plaPartnerId(),
                tokens.providerSales(), null, Set.of(200)).json().path("code").asText();
        for (JsonNode subscription : items) {
            String id = subscription.path("id").asText();
            if (subscription.path("offerId").asText().equals("CFQ7TTC0LHXM:0001")
                    && !FABRIKAM.plaPartnerId().equals(subscription.path("partnerId").asText())) {
                callAt(subscriptionService, "PATCH", path + "/" + id, tokens.providerSales(),
                        Map.of("partnerId", FABRIKAM.plaPartnerId()), Set.of(200), Map.of());
            }
            if (subscription.path("offerId").asText().equals("CFQ7TTC0LH18:0001")) {
                callAt(subscriptionService, "PUT", path + "/" + id + "/supportcontact", tokens.providerHelpdesk(),
                        Map.of("supportTenantId", FABRIKAM.tenantId(), "supportMpnId", FABRIKAM.plaPartnerId(),
                                "name", FABRIKAM.name() + " support"), Set.of(200), Map.of());
            }
        }
        log.info("  subscriptions: {} reseller of record of Teams Essentials (PartnerID verified: {}), support "
                + "contact of Business Basic", FABRIKAM.name(), verified);
        return "subscriptions  Business Basic (reseller of record and support contact: " + FABRIKAM.name()
                + "), Teams Essentials (reseller of record changed to " + FABRIKAM.name() + ")";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    private void enrol(DemoReseller reseller) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", reseller.name());
        profile.put("contactEmail", reseller.contactEmail());
        profile.put("country", reseller.country());
        profile.put("cspRegion", REGION);
        profile.put("plaPartnerIds", List.of(reseller.plaPartnerId()));
        profile.put("pgaPartnerId", reseller.pgaPartnerId());
        profile.put("preferredLanguage", reseller.preferredLanguage());
        Response enrolled = call("POST", "/api/v1/resellers", tokens.directoryAdmin(),
                Map.of("resellerTenantId", reseller.tenantId(), "profile", profile), Set.of(201, 409));
        if (enrolled.status() == 409 && !"already-enrolled".equals(enrolled.code())) {
            throw new StartupFailure("enrolling " + reseller.name() + " was refused: " + enrolled.body());
        }
        Map<String, Object> compliance = Map.of(
                "mpaSignedRegions", reseller.mpaSigned() ? List.of(REGION) : List.of(),
                "programStatus", "active");
        call("PUT", "/api/v1/resellers/" + reseller.tenantId() + "/compliance", tokens.directoryAdmin(), compliance,
                Set.of(200));
        log.info("  reseller {} {} (MPA {}signed)", reseller.name(), enrolled.status() == 201 ? "enrolled"
                : "already enrolled", reseller.mpaSigned() ? "" : "not ");
    }

    /** Invitation and acceptance, unless a partnership with this reseller exists in any state. */
    private void partner(DemoReseller reseller, Map<UUID, String> existing) {
        if (existing.containsKey(reseller.tenantId())) {
            log.info("  partnership with {} exists already ({})", reseller.name(), existing.get(reseller.tenantId()));
            return;
        }
        Response invitation = call("POST", "/api/v1/partnership-invitations", tokens.providerAdmin(),
                Map.of("resellerEmail", reseller.contactEmail()), Set.of(201));
        String link = invitation.json().path("link").asText();
        String token = link.substring(link.lastIndexOf('/') + 1);
        String resellerAdmin = reseller.tenantId().equals(LocalStack.DEMO_RESELLER_TENANT) ? tokens.resellerAdmin()
                : tokens.minter().reseller(reseller.tenantId(), "GlobalAdmin");
        Response accepted = call("POST", "/api/v1/partnership-invitations/" + token + "/accept", resellerAdmin, null,
                Set.of(201, 409));
        log.info("  partnership with {} {}", reseller.name(), accepted.status() == 201 ? "accepted"
                : "already active");
    }

    private Map<UUID, String> partnershipStates() {
        Response page = call("GET", "/api/v1/partnerships?size=200", tokens.providerAdmin(), null, Set.of(200));
        Map<UUID, String> states = new HashMap<>();
        for (JsonNode item : page.json().path("items")) {
            states.put(UUID.fromString(item.path("resellerTenantId").asText()), item.path("state").asText());
        }
        return states;
    }

    record Response(int status, String body, ObjectMapper mapper) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new StartupFailure("not JSON: " + body);
            }
        }

        String code() {
            try {
                return mapper.readTree(body).path("code").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    private Response call(String method, String path, String token, Object body, Set<Integer> expected) {
        return callAt(partnershipService, method, path, token, body, expected, Map.of());
    }

    private Response callAt(String base, String method, String path, String token, Object body,
                            Set<Integer> expected, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!expected.contains(response.statusCode())) {
                throw new StartupFailure(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body(), "demo seeding", null);
            }
            return new Response(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new StartupFailure(method + " " + path + " failed: " + e.getMessage(), "demo seeding",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }
}
