package com.cspchannel.subscription.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.SharedInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders and subscriptions over HTTP and Kafka: initial orders once, reseller of record, support contact. */
class SubscriptionLifecycleIT extends SubscriptionIntegrationTest {

    @Test
    void anInitialOrderOnTheCustomersTopicYieldsItsSubscriptionsOnceEvenWhenDeliveredTwice() {
        World world = world();
        UUID customer = UUID.randomUUID();
        CustomerCreated created = customerCreated(customer, world.provider(), world.reseller().tenant(),
                order(new OrderLine(1, BASIC, 10, world.reseller().pla(), world.reseller().tenant()),
                        new OrderLine(2, AZURE_PLAN, 1, null, null)));
        publish(Topics.CUSTOMERS, customer.toString(), created);
        publish(Topics.CUSTOMERS, customer.toString(), created);
        // the same order again under another event id (a producer retry that re-created the event)
        publish(Topics.CUSTOMERS, customer.toString(), new CustomerCreated(UUID.randomUUID(), created.occurredAt(),
                customer, world.provider(), created.companyProfile(), created.billingProfile(),
                created.associatedPartnerId(), created.adminUserName(), created.initialOrder(), created.createdBy()));
        String path = "/api/v1/customers/" + customer;
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from consumed_event where consumer = 'subscription-service.customers' and event_id = ?",
                Long.class, created.eventId()) == 1
                && api.get(path + "/subscriptions", world.admin()).body().get("totalCount").asLong() == 2);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from consumed_event where consumer = 'subscription-service.customers'", Long.class) >= 3);
        var subscriptions = api.get(path + "/subscriptions", world.admin()).body();
        assertThat(subscriptions.get("totalCount").asLong()).isEqualTo(2);
        JsonNode basic = subscriptions.get("items").get(0).get("offerId").asText().equals(BASIC)
                ? subscriptions.get("items").get(0) : subscriptions.get("items").get(1);
        assertThat(basic.get("partnerId").asText()).isEqualTo(world.reseller().pla());
        assertThat(basic.get("supportContact").get("provider").asBoolean()).isTrue();
        var orders = api.get(path + "/orders", world.admin()).body();
        assertThat(orders.get("totalCount").asLong()).isEqualTo(1);
        assertThat(orders.get("items").get(0).get("status").asText()).isEqualTo("placed");
        // the reseller administers the customer and sees both
        assertThat(api.get(path + "/subscriptions", TOKENS.reseller(world.reseller().tenant(), "AdminAgent")).body()
                .get("totalCount").asLong()).isEqualTo(2);
        // filter by reseller of record
        assertThat(api.get(path + "/subscriptions?partnerId=" + world.reseller().pla(), world.admin()).body()
                .get("totalCount").asLong()).isEqualTo(1);

        // published on the subscriptions topic as CloudEvents
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of(Topics.SUBSCRIPTIONS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8)
                        .contains(customer.toString())).count() >= 3;
            });
        }
        assertThat(records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(customer.toString()))
                .map(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrder("subscription.OrderPlaced.v1", "subscription.SubscriptionCreated.v1",
                        "subscription.SubscriptionCreated.v1");
    }

    /**
     * The race of the two copies: customer-service accepted a customer with an order naming a reseller, and this
     * service's copy has meanwhile seen the partnership removed. The order is fulfilled as accepted, with its
     * reseller of record: one decision, taken once, by customer-service; the customer never exists without
     * the subscriptions it was created with.
     */
    @Test
    void anAcceptedInitialOrderIsFulfilledAsAcceptedEvenWhenThisCopyHasSinceSeenARemoval() {
        World world = world();
        publish(Topics.PARTNERSHIPS, world.provider() + ":" + world.reseller().tenant(), new PartnershipRemoved(
                UUID.randomUUID(), Instant.now(), world.provider(), world.reseller().tenant(), "admin", "ended", true, "x"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from partner_partnership where provider_tenant_id = ? and not active", Long.class,
                world.provider()) == 1);
        UUID customer = UUID.randomUUID();
        publish(Topics.CUSTOMERS, customer.toString(), customerCreated(customer, world.provider(), null,
                order(new OrderLine(1, BASIC, 3, world.reseller().pla(), world.reseller().tenant()))));
        String path = "/api/v1/customers/" + customer;
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path + "/subscriptions", world.admin()).body()
                .get("totalCount").asLong() == 1);
        JsonNode order = api.get(path + "/orders", world.admin()).body().get("items").get(0);
        assertThat(order.get("status").asText()).isEqualTo("placed");
        assertThat(order.get("source").asText()).isEqualTo("initial");
        assertThat(api.get(path + "/subscriptions", world.admin()).body().get("items").get(0).get("partnerId")
                .asText()).isEqualTo(world.reseller().pla());
        // a new order naming the reseller is a new transaction: this one is refused
        var refused = api.post(path + "/orders", world.sales(), Map.of("partnerOnRecordAttestationAccepted", true,
                "lineItems", List.of(Map.of("offerId", BASIC, "quantity", 1, "partnerIdOnRecord",
                        world.reseller().pla()))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("reseller-not-partnered");
    }

    @Test
    void anOrderIsAllOrNothingReviewedFirstAndNeedsTheAttestationForAPartnerOfRecord() {
        World world = world();
        long before = storedEvents();
        var invalid = api.post(world.path() + "/orders", world.sales(), Map.of("lineItems", List.of(
                Map.of("offerId", BASIC, "quantity", 5), Map.of("offerId", "NOPE:1", "quantity", 1),
                Map.of("offerId", BASIC, "quantity", 1, "partnerIdOnRecord", world.reseller().pla()))));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("errors").toString()).contains("lineItems[1].offerId")
                .contains("partner-on-record-attestation-required");
        assertThat(storedEvents()).isEqualTo(before);
        Map<String, Object> valid = Map.of("partnerOnRecordAttestationAccepted", true, "lineItems", List.of(
                Map.of("offerId", BASIC, "quantity", 5, "partnerIdOnRecord", world.reseller().pla())));
        var review = api.post(world.path() + "/orders/validation", world.sales(), valid);
        assertThat(review.status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(before);
        var placed = api.post(world.path() + "/orders", world.sales(), valid);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.body().get("status").asText()).isEqualTo("placed");
        assertThat(api.get(world.path() + "/subscriptions", world.admin()).body().get("totalCount").asLong())
                .isEqualTo(1);
        assertThat(api.post("/api/v1/customers/" + UUID.randomUUID() + "/orders", world.sales(), valid).status())
                .isEqualTo(404);
        assertThat(api.post(world.path() + "/orders", TOKENS.provider(world.provider(), "HelpdeskAgent"), valid)
                .status()).isEqualTo(403);
    }

    @Test
    void theResellerOfRecordIsVerifiedWithPartnerCenterCodesAndItsHistoryIsKept() {
        World world = world();
        String subscription = placeBasic(world);
        String path = world.path() + "/subscriptions/" + subscription;
        Reseller unsigned = reseller("Europe", List.of(), ProgramStatus.ACTIVE);
        Reseller suspended = reseller("Europe", List.of("Europe"), ProgramStatus.SUSPENDED);
        Reseller american = reseller("North America", List.of("North America"), ProgramStatus.ACTIVE);
        Reseller stranger = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        Map<String, String> expected = new HashMap<>();
        expected.put(world.providerPartnerId(), "2072");
        expected.put("99999999", "3000");
        expected.put(world.reseller().pga(), "2204");
        expected.put(unsigned.pla(), "2203");
        expected.put(suspended.pla(), "800039");
        expected.put(american.pla(), "2201");
        expected.put(stranger.pla(), "reseller-not-partnered");
        long before = storedEvents();
        expected.forEach((partnerId, code) -> {
            var refused = api.send("PATCH", path, world.sales(), Map.of("partnerId", partnerId), null);
            assertThat(refused.status()).as(partnerId).isEqualTo(422);
            assertThat(refused.code()).as(partnerId).isEqualTo(code);
        });
        assertThat(storedEvents()).isEqualTo(before);

        partner(world.provider(), stranger);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where reseller_tenant_id = ? and active", Long.class, stranger.tenant()) == 1);
        var named = api.send("PATCH", path, world.sales(), Map.of("partnerId", stranger.pla()), null);
        assertThat(named.status()).as(named.raw()).isEqualTo(200);
        assertThat(named.body().get("partnerId").asText()).isEqualTo(stranger.pla());
        Map<String, Object> clear = new HashMap<>();
        clear.put("partnerId", null);
        var cleared = api.send("PATCH", path, world.sales(), clear, null);
        assertThat(cleared.body().get("partnerId")).isNull();

        var history = api.get(path + "/history", world.admin()).body().get("items");
        assertThat(history).hasSize(3);
        assertThat(history.get(1).get("type").asText()).isEqualTo("ResellerOfRecordChanged");
        assertThat(history.get(1).get("what").get("toPartnerId").asText()).isEqualTo(stranger.pla());
        assertThat(history.get(1).get("by").asText()).isNotBlank();
        assertThat(history.get(2).get("what").get("fromPartnerId").asText()).isEqualTo(stranger.pla());
    }

    @Test
    void theSupportContactIsAPartneredResellerUntilItIsReturnedToTheProvider() {
        World world = world();
        String subscription = placeBasic(world);
        String path = world.path() + "/subscriptions/" + subscription + "/supportcontact";
        String helpdesk = TOKENS.provider(world.provider(), "HelpdeskAgent");
        Map<String, Object> fabrikam = Map.of("supportTenantId", world.reseller().tenant(),
                "supportMpnId", world.reseller().pla(), "name", "Fabrikam support");
        assertThat(api.put(path, world.sales(), fabrikam).status()).isEqualTo(403);
        Reseller stranger = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        assertThat(api.put(path, helpdesk, Map.of("supportTenantId", stranger.tenant(), "supportMpnId", stranger.pla(),
                "name", "Stranger")).code()).isEqualTo("reseller-not-partnered");
        assertThat(api.put(path, helpdesk, Map.of("supportTenantId", world.reseller().tenant(),
                "supportMpnId", world.reseller().pga(), "name", "PGA")).code()).isEqualTo("2204");
        var designated = api.put(path, helpdesk, fabrikam);
        assertThat(designated.status()).as(designated.raw()).isEqualTo(200);
        var contact = api.get(path, world.admin()).body();
        assertThat(contact.get("provider").asBoolean()).isFalse();
        assertThat(contact.get("supportTenantId").asText()).isEqualTo(world.reseller().tenant().toString());

        // Removing the partnership changes no subscription, but new designations of that reseller are refused.
        publish(Topics.PARTNERSHIPS, world.provider() + ":" + world.reseller().tenant(), new PartnershipRemoved(
                UUID.randomUUID(), Instant.now(), world.provider(), world.reseller().tenant(), "admin", "ended", true,
                "x"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where provider_tenant_id = ? and not active", Long.class, world.provider()) == 1);
        assertThat(api.get(path, world.admin()).body().get("supportTenantId").asText())
                .isEqualTo(world.reseller().tenant().toString());
        assertThat(api.send("PATCH", world.path() + "/subscriptions/" + subscription, world.sales(),
                Map.of("partnerId", world.reseller().pla()), null).code()).isEqualTo("reseller-not-partnered");

        var reset = api.delete(path, helpdesk, null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(api.get(path, world.admin()).body().get("provider").asBoolean()).isTrue();
    }

    @Test
    void twoUpdatesWithTheSameETagOneWinsTheOtherGets412() {
        World world = world();
        String subscription = placeBasic(world);
        String path = world.path() + "/subscriptions/" + subscription;
        String etag = api.get(path, world.admin()).headers().firstValue("ETag").orElseThrow();
        CompletableFuture<HttpApi.Response> first = CompletableFuture.supplyAsync(() ->
                api.send("PATCH", path, world.sales(), Map.of("quantity", 20), etag));
        CompletableFuture<HttpApi.Response> second = CompletableFuture.supplyAsync(() ->
                api.send("PATCH", path, world.sales(), Map.of("quantity", 30), etag));
        List<Integer> statuses = List.of(first.join().status(), second.join().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        var stale = api.send("PATCH", path, world.sales(), Map.of("quantity", 40), etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("etag-mismatch");
        var upgraded = api.send("PATCH", path, world.sales(), Map.of("offerId", STANDARD), null);
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.body().get("offerId").asText()).isEqualTo(STANDARD);
        assertThat(upgraded.body().get("quantity").asInt()).isIn(20, 30);
        assertThat(api.send("PATCH", path, world.sales(), Map.of("offerId", BASIC), null).code())
                .isEqualTo("upgrade-not-allowed");
    }

    @Test
    void resellersSeeOnlyWhatTheyAdministerOrSupportAndClientMistakesAre4xx() {
        World world = world();
        String subscription = placeBasic(world);
        String path = world.path() + "/subscriptions/" + subscription;
        Reseller other = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        String otherToken = TOKENS.reseller(other.tenant(), "AdminAgent");
        // a customer the reseller has nothing to do with does not exist for it, its sub-collections included
        assertThat(api.get(world.path() + "/subscriptions", otherToken).code()).isEqualTo("customer-not-found");
        assertThat(api.get(world.path() + "/orders", TOKENS.provider(UUID.randomUUID(), "GlobalAdmin")).status())
                .isEqualTo(404);
        assertThat(api.get(path, otherToken).status()).isEqualTo(404);
        assertThat(api.get(path, TOKENS.provider(UUID.randomUUID(), "GlobalAdmin")).status()).isEqualTo(404);
        // as support contact the other reseller sees the subscription
        partner(world.provider(), other);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where reseller_tenant_id = ? and active", Long.class, other.tenant()) == 1);
        assertThat(api.put(path + "/supportcontact", world.admin(), Map.of("supportTenantId", other.tenant(),
                "supportMpnId", other.pla(), "name", "Other")).status()).isEqualTo(200);
        assertThat(api.get(path, otherToken).status()).isEqualTo(200);
        assertThat(api.send("PATCH", path, TOKENS.reseller(other.tenant(), "GlobalAdmin"), Map.of("quantity", 11), null)
                .status()).isEqualTo(403);
        // mistakes
        assertThat(api.send("PATCH", path, world.sales(), Map.of("quantity", 11, "partnerId", "1234"), null).status())
                .isEqualTo(400);
        assertThat(api.send("PATCH", path, world.sales(), Map.of("quantity", "many"), null).status()).isEqualTo(400);
        assertThat(api.send("PATCH", path, world.sales(), "{not json", null).status()).isEqualTo(400);
        assertThat(api.get(world.path() + "/subscriptions/nope", world.admin()).code()).isEqualTo("invalid-parameter");
        assertThat(api.post(world.path() + "/orders", world.sales(), Map.of("lineItems", List.of())).status())
                .isEqualTo(400);
        assertThat(api.get(world.path() + "/subscriptions", null).status()).isEqualTo(401);
    }

    private String placeBasic(World world) {
        var placed = api.post(world.path() + "/orders", world.sales(), Map.of("lineItems", List.of(
                Map.of("offerId", BASIC, "quantity", 10))));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        return api.get(world.path() + "/subscriptions", world.admin()).body().get("items").get(0).get("id").asText();
    }
}
