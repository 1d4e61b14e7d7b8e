package com.cspchannel.system;

import com.cspchannel.infra.CustomerRequests;
import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's flow a hundred times across the four service processes, over HTTP only, with no sleep and no
 * polling between the steps: each step sends the consistency token of the step before. Partner, create a
 * customer with an initial order for the reseller, order more, name the reseller of record and support contact,
 * remove the partnership, and an order naming the reseller is refused. No step is refused spuriously, nothing
 * naming the reseller is accepted after the removal, and every customer's initial order ends as subscription-
 * service holds it.
 */
class ConsistentFlowIT {

    private static final String TOKEN = "CSP-Consistency-Token";
    private static final String BASIC = CustomerRequests.BASIC;
    /** The hundred; {@code -Dflow.runs=N} for a shorter pass (CI's second JDK). */
    private static final int RUNS = Integer.getInteger("flow.runs", 100);

    private final SystemStack stack = SystemStack.get();
    private final HttpApi partnerships = stack.api("partnership");
    private final HttpApi customers = stack.api("customer");
    private final HttpApi subscriptions = stack.api("subscription");

    /** One step's answer and the token to send with the next. */
    private record Step(HttpApi.Response response, String token) {
    }

    private final Map<String, Long> millisByStep = new java.util.TreeMap<>();

    private Step step(HttpApi api, String method, String path, String user, Object body, String token) {
        long start = System.nanoTime();
        HttpApi.Response response = api.withHeaders(method, path, user, body,
                token == null ? Map.of() : Map.of(TOKEN, token));
        millisByStep.merge(method + " " + path.replaceAll("[0-9a-f-]{36}|[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}", "{id}"),
                (System.nanoTime() - start) / 1_000_000, Long::sum);
        return new Step(response, response.headers().firstValue(TOKEN).orElse(token));
    }

    @Test
    void theSeedsFlowAHundredTimesPassingTokensHasNoSpuriousRefusalAndNothingAcceptedAfterTheRemoval() {
        UUID provider = UUID.randomUUID();
        String directory = TOKENS.platform("DirectoryAdmin");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        Step registered = step(partnerships, "PUT", "/api/v1/providers/" + provider, directory, Map.of("name",
                "Contoso", "contactEmail", "csp@contoso.example", "cspRegion", "Europe", "partnerId",
                PartnerIds.provider()), null);
        assertThat(registered.response().status()).isBetween(200, 201);

        List<String> spurious = new ArrayList<>();
        List<String> acceptedAfterRemoval = new ArrayList<>();
        List<String> customerIds = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            UUID reseller = UUID.randomUUID();
            String pla = PartnerIds.pla();
            String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");
            String token = registered.token();
            List<Step> steps = new ArrayList<>();
            Step s = step(partnerships, "POST", "/api/v1/resellers", directory, Map.of("resellerTenantId", reseller,
                    "profile", Map.of("name", "Reseller " + run, "contactEmail", "r" + run + "@example.org",
                            "country", "DE", "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                            "pgaPartnerId", PartnerIds.pga())), token);
            steps.add(s);
            s = step(partnerships, "PUT", "/api/v1/resellers/" + reseller + "/compliance", directory,
                    Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active"), s.token());
            steps.add(s);
            s = step(partnerships, "POST", "/api/v1/partnership-invitations", admin,
                    Map.of("resellerTenantId", reseller), s.token());
            steps.add(s);
            String link = s.response().body() == null ? "" : s.response().body().path("link").asText();
            s = step(partnerships, "POST", "/api/v1/partnership-invitations/"
                    + link.substring(link.lastIndexOf('/') + 1) + "/accept", resellerAdmin, null, s.token());
            steps.add(s);
            s = step(customers, "POST", "/api/v1/customers", admin, CustomerRequests.newCustomer(reseller, pla),
                    s.token());
            steps.add(s);
            String customer = s.response().body() == null ? "none" : s.response().body().path("id").asText();
            customerIds.add(customer);
            String path = "/api/v1/customers/" + customer;
            s = step(subscriptions, "POST", path + "/orders", admin, Map.of("lineItems",
                    List.of(Map.of("offerId", "CFQ7TTC0LHXM:0001", "quantity", 5))), s.token());
            steps.add(s);
            String teams = path + "/subscriptions/" + (s.response().body() == null ? "none"
                    : subscriptionOf(s, path, admin));
            s = step(subscriptions, "PATCH", teams, admin, Map.of("partnerId", pla), s.token());
            steps.add(s);
            s = step(subscriptions, "PUT", teams + "/supportcontact", admin, Map.of("supportTenantId", reseller,
                    "supportMpnId", pla, "name", "Support " + run), s.token());
            steps.add(s);
            s = step(partnerships, "DELETE", "/api/v1/partnerships/" + reseller, admin,
                    Map.of("goodFaithAttestation", true, "reason", "ended"), s.token());
            steps.add(s);
            for (int i = 0; i < steps.size(); i++) {
                int status = steps.get(i).response().status();
                if (status / 100 != 2) {
                    spurious.add("run " + run + " step " + i + ": " + status + " " + steps.get(i).response().raw());
                }
            }
            Step after = step(subscriptions, "POST", path + "/orders", admin, Map.of(
                    "partnerOnRecordAttestationAccepted", true, "lineItems", List.of(Map.of("offerId", BASIC,
                            "quantity", 1, "partnerIdOnRecord", pla))), s.token());
            if (after.response().status() != 422 || !after.response().raw().contains("reseller-not-partnered")) {
                acceptedAfterRemoval.add("run " + run + ": " + after.response().status() + " "
                        + after.response().raw());
            }
        }
        System.out.println("milliseconds per step, summed over " + RUNS + " runs: " + millisByStep);
        assertThat(spurious).as("spurious refusals").isEmpty();
        assertThat(acceptedAfterRemoval).as("transactions naming the reseller after its removal").isEmpty();

        // Every customer's initial order is as subscription-service holds it: placed, and shown fulfilled.
        stack.awaitConsumed("customer-service.subscriptions", "csp.subscriptions.events");
        for (String customer : customerIds) {
            HttpApi.Response orders = subscriptions.get("/api/v1/customers/" + customer + "/orders?size=10", admin);
            boolean initialPlaced = false;
            for (var order : orders.body().get("items")) {
                initialPlaced |= order.get("source").asText().equals("initial")
                        && order.get("status").asText().equals("placed");
            }
            assertThat(initialPlaced).as(customer).isTrue();
            assertThat(customers.get("/api/v1/customers/" + customer, admin).body().get("order").get("status")
                    .asText()).as(customer).isEqualTo("fulfilled");
        }
    }

    private String subscriptionOf(Step order, String path, String admin) {
        // the order's answer names its line; the subscription id follows from the order and line number
        String orderId = order.response().body().path("id").asText();
        for (var subscription : subscriptions.withHeaders("GET", path + "/subscriptions?size=50", admin, null,
                Map.of(TOKEN, order.token())).body().get("items")) {
            if (subscription.get("orderId").asText().equals(orderId)) {
                return subscription.get("id").asText();
            }
        }
        return "none";
    }

}
