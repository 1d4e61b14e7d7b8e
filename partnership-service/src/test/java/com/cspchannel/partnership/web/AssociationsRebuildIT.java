package com.cspchannel.partnership.web;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import com.cspchannel.infra.EventPublisher;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.partnership.integration.AssociationQueries;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A realistic history across the three topics (partnerships over HTTP; customers and subscriptions as their
 * services publish them, with some records delivered twice), the view's answers now and as of earlier instants,
 * then a rebuild from offset 0 while reads continue: the rebuilt view equals the live one, field by field.
 */
class AssociationsRebuildIT extends IntegrationTest {

    @Autowired
    AssociationQueries associations;

    @Test
    void theRebuiltViewEqualsTheLiveOneIncludingPointInTimeAnswers() {
        UUID provider = UUID.randomUUID();
        UUID fabrikam = UUID.randomUUID();
        UUID northwind = UUID.randomUUID();
        String fabrikamPla = "71" + (10000 + new java.util.Random().nextInt(80000));
        String northwindPla = "72" + (10000 + new java.util.Random().nextInt(80000));
        registerProvider(provider, "Contoso", "4847383");
        enrolReseller(fabrikam, "Fabrikam", "Europe", List.of(fabrikamPla), "73" + fabrikamPla.substring(2), "Europe");
        enrolReseller(northwind, "Northwind", "Europe", List.of(northwindPla), "74" + northwindPla.substring(2),
                "Europe");
        assertThat(partner(provider, fabrikam).status()).isEqualTo(201);
        assertThat(partner(provider, northwind).status()).isEqualTo(201);

        Instant t0 = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        UUID customer = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        List<PublicEvent> customerEvents = List.of(
                new DelegatedAdminGranted(UUID.randomUUID(), at(t0, 1), customer, provider, fabrikam, "sales"),
                new DelegatedAdminRevoked(UUID.randomUUID(), at(t0, 5), customer, provider, fabrikam, "admin", "moved"),
                new ResellerAssociated(UUID.randomUUID(), at(t0, 5), customer, provider, northwind, fabrikam, "admin"),
                new DelegatedAdminGranted(UUID.randomUUID(), at(t0, 5), customer, provider, northwind, "admin"),
                new TenantOwnerGranted(UUID.randomUUID(), at(t0, 6), customer, provider, northwind, "admin"));
        List<PublicEvent> subscriptionEvents = List.of(
                new SubscriptionCreated(UUID.randomUUID(), at(t0, 2), subscription, order, customer, provider,
                        "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 10, fabrikamPla, fabrikam, "sales"),
                new SupportContactDesignated(UUID.randomUUID(), at(t0, 3), subscription, customer, provider, fabrikam,
                        fabrikamPla, "Fabrikam support", null, "helpdesk"),
                new ResellerOfRecordChanged(UUID.randomUUID(), at(t0, 4), subscription, customer, provider, fabrikamPla,
                        fabrikam, northwindPla, northwind, "sales"),
                new SupportContactReset(UUID.randomUUID(), at(t0, 7), subscription, customer, provider, fabrikam,
                        "helpdesk"));
        try (EventPublisher publisher = new EventPublisher(SharedInfrastructure.kafkaBootstrapServers())) {
            for (PublicEvent event : customerEvents) {
                publisher.publish(Topics.CUSTOMERS, customer.toString(), event);
            }
            for (PublicEvent event : subscriptionEvents) {
                publisher.publish(Topics.SUBSCRIPTIONS, subscription.toString(), event);
            }
            // at-least-once: a relay retry delivers some records again, after later ones
            publisher.publish(Topics.CUSTOMERS, customer.toString(), customerEvents.get(1));
            publisher.publish(Topics.SUBSCRIPTIONS, subscription.toString(), subscriptionEvents.get(2));
        }

        String admin = TOKENS.provider(provider, "GlobalAdmin");
        // everything arrived: the directly published history, and both partnerships through the relay
        await().atMost(Duration.ofSeconds(60)).until(() -> count(api.get("/api/v1/resellers/" + northwind
                + "/associations", admin).body(), "tenant_owner") == 1 && count(api.get("/api/v1/resellers/"
                + fabrikam + "/associations?asOf=" + at(t0, 7).plusSeconds(1), admin).body(), "support_contact") == 0
                && count(api.get("/api/v1/resellers/" + northwind + "/associations", admin).body(), "partnership") == 1
                && count(api.get("/api/v1/resellers/" + fabrikam + "/associations", admin).body(), "partnership") == 1);

        // Point-in-time answers: who held what, when.
        Map<String, JsonNode> live = answers(provider, fabrikam, northwind, t0);
        assertThat(count(live.get("fabrikam@2.5"), "customer_admin")).isEqualTo(1);
        assertThat(count(live.get("fabrikam@2.5"), "reseller_of_record")).isEqualTo(1);
        assertThat(count(live.get("fabrikam@4.5"), "reseller_of_record")).isZero();
        assertThat(count(live.get("fabrikam@4.5"), "support_contact")).isEqualTo(1);
        assertThat(count(live.get("northwind@4.5"), "reseller_of_record")).isEqualTo(1);
        assertThat(count(live.get("fabrikam@5.5"), "customer_admin")).isZero();
        assertThat(count(live.get("northwind@5.5"), "customer_admin")).isEqualTo(1);
        assertThat(count(live.get("northwind@now"), "partnership")).isEqualTo(1);
        assertThat(count(live.get("fabrikam@0.5"), "customer_admin")).isZero();
        var history = api.get("/api/v1/subscriptions/" + subscription + "/reseller-of-record-history", admin).body();
        assertThat(history.get("items")).hasSize(2);
        assertThat(history.get("items").get(0).get("resellerTenantId").asText()).isEqualTo(fabrikam.toString());
        assertThat(history.get("items").get(0).get("until").asText()).isEqualTo(at(t0, 4).toString());
        assertThat(history.get("items").get(1).get("partnerId").asText()).isEqualTo(northwindPla);
        // a reseller sees its own associations, not another's; other providers see none of these
        assertThat(api.get("/api/v1/resellers/" + northwind + "/associations", TOKENS.reseller(northwind, "AdminAgent"))
                .status()).isEqualTo(200);
        assertThat(api.get("/api/v1/resellers/" + northwind + "/associations", TOKENS.reseller(fabrikam, "AdminAgent"))
                .status()).isEqualTo(403);
        assertThat(api.get("/api/v1/resellers/" + northwind + "/associations",
                TOKENS.provider(UUID.randomUUID(), "GlobalAdmin")).body().get("totalCount").asLong()).isZero();

        List<AssociationQueries.Association> before = associations.all();

        // Rebuild from offset 0 while reads continue.
        String operator = TOKENS.platform("Operator");
        assertThat(api.post("/api/v1/operations/associations/rebuild", admin, null).status()).isEqualTo(403);
        var started = api.post("/api/v1/operations/associations/rebuild", operator, null);
        assertThat(started.status()).isEqualTo(202);
        int previous = started.body().get("activeGeneration").asInt();
        assertThat(started.body().get("state").asText()).isEqualTo("running");
        // A second start while one runs is refused. Only if the first has already completed may it start anew,
        // and then its answer shows the first one's generation active.
        var second = api.post("/api/v1/operations/associations/rebuild", operator, null);
        if (second.status() == 202) {
            assertThat(second.body().get("activeGeneration").asInt()).as(second.raw()).isGreaterThan(previous);
        } else {
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("rebuild-running");
        }
        // Reads continue during the rebuild, and answer what the live view answered.
        JsonNode northwindNow = live.get("northwind@now");
        List<JsonNode> readsDuringRebuild = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            var read = api.get("/api/v1/resellers/" + northwind + "/associations", admin);
            assertThat(read.status()).isEqualTo(200);
            readsDuringRebuild.add(read.body());
            JsonNode status = api.get("/api/v1/operations/associations/rebuild", operator).body();
            return status.get("state").asText().equals("completed") && status.get("activeGeneration").asInt() > previous;
        });
        assertThat(readsDuringRebuild).isNotEmpty().allSatisfy(read -> assertThat(read).isEqualTo(northwindNow));
        JsonNode status = api.get("/api/v1/operations/associations/rebuild", operator).body();
        assertThat(status.get("eventsProcessed").asLong()).isGreaterThan(0);

        assertThat(associations.all()).containsExactlyElementsOf(before);
        assertThat(answers(provider, fabrikam, northwind, t0)).isEqualTo(live);
        assertThat(api.get("/actuator/prometheus", null).raw()).contains("csp_view_rebuild_lag_events")
                .contains("csp_view_rebuild_events_processed_total").contains("csp_view_lag_events");
    }

    private Map<String, JsonNode> answers(UUID provider, UUID fabrikam, UUID northwind, Instant t0) {
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        Map<String, JsonNode> answers = new java.util.TreeMap<>();
        for (double minute : new double[]{0.5, 2.5, 4.5, 5.5, 6.5, 7.5}) {
            Instant asOf = t0.plusSeconds((long) (minute * 60));
            answers.put("fabrikam@" + minute, items(api.get("/api/v1/resellers/" + fabrikam + "/associations?asOf="
                    + asOf, admin).body()));
            answers.put("northwind@" + minute, items(api.get("/api/v1/resellers/" + northwind + "/associations?asOf="
                    + asOf, admin).body()));
        }
        answers.put("fabrikam@now", items(api.get("/api/v1/resellers/" + fabrikam + "/associations", admin).body()));
        answers.put("northwind@now", items(api.get("/api/v1/resellers/" + northwind + "/associations", admin).body()));
        return answers;
    }

    private static JsonNode items(JsonNode body) {
        return body;
    }

    private static long count(JsonNode body, String kind) {
        return body.get("counts").get(kind).asLong();
    }

    private static Instant at(Instant t0, int minute) {
        return t0.plus(Duration.ofMinutes(minute));
    }
}
