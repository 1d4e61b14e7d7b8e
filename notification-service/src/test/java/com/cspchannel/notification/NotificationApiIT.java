package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The delivery log over HTTP: each tenant reads what was sent to it and nothing else; errors are problem details. */
class NotificationApiIT extends NotificationIntegrationTest {

    @Test
    void aProviderReadsItsOwnNotificationsFilteredAndPaginatedAndNoOneElsesAndAResellerItsOwn() {
        World world = world();
        World stranger = world();
        UUID customer = UUID.randomUUID();
        publish(profiles(world).toArray(PublicEvent[]::new));
        publish(profiles(stranger).toArray(PublicEvent[]::new));
        PublicEvent[] events = {accepted(world, world.reseller()), accepted(world, world.other()),
                customerFor(world, world.reseller(), customer, "jane-" + world.tag() + "@wingtip.example"),
                accepted(stranger, stranger.reseller())};
        publish(events);
        awaitSettled(events);

        var all = api.get("/api/v1/notifications", world.providerAdmin());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("totalCount").asInt()).isEqualTo(2);
        for (JsonNode item : all.body().get("items")) {
            assertThat(item.get("type").asText()).isEqualTo("partnership_accepted");
            assertThat(item.get("status").asText()).isEqualTo("sent");
            assertThat(item.get("recipient").get("tenantId").asText()).isEqualTo(world.provider().toString());
            assertThat(item.get("recipient").get("kind").asText()).isEqualTo("provider");
            assertThat(item.get("recipient").get("email").asText()).isEqualTo(world.providerEmail());
            assertThat(item.get("event").get("type").asText()).isEqualTo("partnership.PartnershipAccepted.v1");
            assertThat(item.get("sentAt")).isNotNull();
            assertThat(item.get("body").asText()).contains("accepted your partnership invitation");
        }

        // any provider role reads the log; filters and pages
        String helpdesk = TOKENS.provider(world.provider(), "HelpdeskAgent");
        var page = api.get("/api/v1/notifications?size=1&page=1", helpdesk);
        assertThat(page.body().get("totalCount").asInt()).isEqualTo(2);
        assertThat(page.body().get("items")).hasSize(1);
        assertThat(page.body().get("page").asInt()).isEqualTo(1);
        assertThat(count("/api/v1/notifications?type=partnership_accepted&status=sent", helpdesk)).isEqualTo(2);
        assertThat(count("/api/v1/notifications?type=order_rejected", helpdesk)).isZero();
        assertThat(count("/api/v1/notifications?status=failed", helpdesk)).isZero();
        assertThat(count("/api/v1/notifications?recipient=" + world.providerEmail().toUpperCase(), helpdesk))
                .isEqualTo(2);
        assertThat(count("/api/v1/notifications?recipient=" + stranger.providerEmail(), helpdesk)).isZero();

        String id = all.body().get("items").get(0).get("id").asText();
        var one = api.get("/api/v1/notifications/" + id, world.providerAdmin());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("subject").asText()).endsWith("accepted your partnership invitation");

        // another provider, and the reseller, cannot read it; the reseller reads what was sent to it
        var foreign = api.get("/api/v1/notifications/" + id, stranger.providerAdmin());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("notification-not-found");
        assertThat(count("/api/v1/notifications", stranger.providerAdmin())).isEqualTo(1);
        String resellerUser = TOKENS.reseller(world.reseller(), "AdminAgent");
        assertThat(api.get("/api/v1/notifications/" + id, resellerUser).status()).isEqualTo(404);
        var resellers = api.get("/api/v1/notifications", resellerUser);
        assertThat(resellers.body().get("totalCount").asInt()).isEqualTo(1);
        assertThat(resellers.body().get("items").get(0).get("type").asText()).isEqualTo("customer_created_for_reseller");
        assertThat(resellers.body().get("items").get(0).get("recipient").get("language").asText()).isEqualTo("de");
    }

    @Test
    void withoutATokenItIs401ForPlatformUsers403AndABadFilter400AllAsProblemDetails() {
        var anonymous = api.get("/api/v1/notifications", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthorized");
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        var platform = api.get("/api/v1/notifications", TOKENS.platform("Operator"));
        assertThat(platform.status()).isEqualTo(403);
        assertThat(platform.code()).isEqualTo("forbidden");

        String provider = TOKENS.provider(UUID.randomUUID(), "GlobalAdmin");
        var badType = api.get("/api/v1/notifications?type=fax", provider);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.code()).isEqualTo("invalid-parameter");
        assertThat(badType.body().get("detail").asText()).contains("partnership_removed");
        assertThat(api.get("/api/v1/notifications?size=0", provider).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications/not-a-uuid", provider).status()).isEqualTo(400);
    }

    @Test
    void metricsCountNotificationsByTypeAndHealthNeedsNoToken() {
        String[] accepted = {"type=\"partnership_accepted\""};
        String[] rejectedPermanently = {"type=\"order_rejected\"", "reason=\"permanent\""};
        double recordedBefore = counter("csp_notifications_recorded_total", accepted);
        double sentBefore = counter("csp_notifications_sent_total", accepted);
        double failedBefore = counter("csp_notifications_failed_total", rejectedPermanently);

        World world = world();
        publish(profiles(world).toArray(PublicEvent[]::new));
        PublicEvent acceptance = accepted(world, world.reseller());
        // a provider whose contact address cannot be an address: its notification fails permanently
        World unreachable = world();
        PublicEvent brokenProfile = new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(),
                unreachable.provider(), "Contoso " + unreachable.tag(), "contoso.example", "Europe",
                "4" + unreachable.tag(), null);
        PublicEvent rejection = new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), unreachable.provider(),
                List.of(new RejectionReason("lineItems[0].partnerIdOnRecord", "3000", "refused")), "system");
        publish(acceptance, brokenProfile, rejection);
        awaitSettled(acceptance, brokenProfile, rejection);
        assertThat(statusOf(rejection, "order_rejected")).isEqualTo("failed");

        // the counters move just after the rows they count: wait for the move, then check it is exactly one
        await().atMost(WAIT).until(() -> counter("csp_notifications_failed_total", rejectedPermanently)
                > failedBefore && counter("csp_notifications_sent_total", accepted) > sentBefore);
        assertThat(counter("csp_notifications_recorded_total", accepted)).isEqualTo(recordedBefore + 1);
        assertThat(counter("csp_notifications_sent_total", accepted)).isEqualTo(sentBefore + 1);
        assertThat(counter("csp_notifications_failed_total", rejectedPermanently)).isEqualTo(failedBefore + 1);

        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("application=\"notification-service\"")
                .doesNotContain("csp_relay_lag");
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    /** The sum of the scraped samples of {@code name} that carry every one of {@code labels} (no token needed). */
    private double counter(String name, String... labels) {
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        List<String> samples = metrics.raw().lines()
                .filter(l -> l.startsWith(name + "{") && Arrays.stream(labels).allMatch(l::contains)).toList();
        assertThat(samples).as("samples of %s with %s", name, List.of(labels)).isNotEmpty();
        return samples.stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private int count(String path, String token) {
        var response = api.get(path, token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("totalCount").asInt();
    }
}
