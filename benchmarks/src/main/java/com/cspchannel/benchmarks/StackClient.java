package com.cspchannel.benchmarks;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.CustomerRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the benchmarks on the running local stack share: its URLs ({@code bench.partnership-url} and the like), the
 * development tokens, plain HTTP calls, and the seed's setup (a provider, a reseller it is partnered with, a
 * customer's body).
 */
final class StackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DevTokens TOKENS = DevTokens.withDevSecret();
    static final String BASIC = CustomerRequests.BASIC;

    final String partnerships = System.getProperty("bench.partnership-url", "http://localhost:8081");
    final String customers = System.getProperty("bench.customer-url", "http://localhost:8082");
    final String subscriptions = System.getProperty("bench.subscription-url", "http://localhost:8083");
    final String notifications = System.getProperty("bench.notification-url", "http://localhost:8084");
    final String directory = TOKENS.platform("DirectoryAdmin");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A provider registered with its directory entry, and its GlobalAdmin's token. */
    record Provider(UUID id, String admin) {
    }

    /** A reseller enrolled with an MPA for Europe, its PLA PartnerID and its GlobalAdmin's token. */
    record Reseller(UUID id, String pla, String admin) {
    }

    Provider registerProvider() throws Exception {
        UUID provider = UUID.randomUUID();
        expect2xx(call(partnerships, "PUT", "/api/v1/providers/" + provider, directory, Map.of("name", "Contoso",
                "contactEmail", "csp@contoso.example", "cspRegion", "Europe", "partnerId", "4" + digits(6))));
        return new Provider(provider, TOKENS.provider(provider, "GlobalAdmin"));
    }

    Reseller enrolReseller() throws Exception {
        UUID reseller = UUID.randomUUID();
        String pla = "5" + digits(7);
        expect2xx(call(partnerships, "POST", "/api/v1/resellers", directory, Map.of("resellerTenantId", reseller,
                "profile", Map.of("name", "Reseller " + pla, "contactEmail", "r" + pla + "@example.org",
                        "country", "DE", "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                        "pgaPartnerId", "6" + digits(7)))));
        expect2xx(call(partnerships, "PUT", "/api/v1/resellers/" + reseller + "/compliance", directory,
                Map.of("mpaSignedRegions", List.of("Europe"), "programStatus", "active")));
        return new Reseller(reseller, pla, TOKENS.reseller(reseller, "GlobalAdmin"));
    }

    /** The provider invites the reseller; the token of the invitation's link. */
    String invite(Provider provider, Reseller reseller) throws Exception {
        JsonNode invitation = expect2xx(call(partnerships, "POST", "/api/v1/partnership-invitations",
                provider.admin(), Map.of("resellerTenantId", reseller.id())));
        String link = invitation.path("link").asText();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    void accept(String invitationToken, Reseller reseller) throws Exception {
        expect2xx(call(partnerships, "POST", "/api/v1/partnership-invitations/" + invitationToken + "/accept",
                reseller.admin(), null));
    }

    /** Whether the four services of the local stack answer ready. */
    boolean answers() {
        for (String base : List.of(partnerships, customers, subscriptions, notifications)) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() != 200) {
                    return false;
                }
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    HttpResponse<String> call(String base, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode expect2xx(HttpResponse<String> response) throws Exception {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }


    static long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
        }
        return s.toString();
    }
}
