package com.cspchannel.subscription.web;

import com.cspchannel.events.EventCodec;
import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * subscription-service's part of a reassignment job: from {@code ReassignmentStarted} it names the target reseller
 * of record and support contact with the ordinary commands (their events carry the job id), checked on its own copy
 * of the directory with the single operations' codes, reports every item's outcome once, and a redelivered job
 * moves nothing again.
 */
class SubscriptionReassignmentIT extends SubscriptionIntegrationTest {

    private UUID subscriptionNamedBy(World world) {
        var placed = api.post(world.path() + "/orders", world.sales(), Map.of("partnerOnRecordAttestationAccepted",
                true, "lineItems", List.of(Map.of("offerId", BASIC, "quantity", 3, "partnerIdOnRecord",
                        world.reseller().pla()))));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        JsonNode items = api.get(world.path() + "/subscriptions", world.admin()).body().get("items");
        return UUID.fromString(items.get(items.size() - 1).get("id").asText());
    }

    private JsonNode subscription(World world, UUID subscription) {
        return api.get(world.path() + "/subscriptions/" + subscription, world.admin()).body();
    }

    private long eventsOfJob(UUID job) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(meta_data, 'UTF8') "
                + "like ?", Long.class, "%\"reassignmentJobId\":\"" + job + "\"%");
    }

    private List<SubscriptionReassignmentProcessed> reports(UUID job) {
        return jdbc.queryForList("select payload from domain_event_entry where payload_type like "
                        + "'%SubscriptionReassignmentProcessed'", byte[].class).stream()
                .map(payload -> {
                    try {
                        return EventCodec.mapper().readValue(payload, SubscriptionReassignmentProcessed.class);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(report -> report.jobId().equals(job)).toList();
    }

    private ReassignmentStarted job(World world, UUID job, Reseller target, List<ReassignmentItem> items) {
        return new ReassignmentStarted(UUID.randomUUID(), Instant.now(), job, world.provider(),
                world.reseller().tenant(), target.tenant(), target.pla(), "Northwind support", "provider-admin",
                items);
    }

    @Test
    void theJobsItemsMoveOnceWithTheOrdinaryEventsAndEveryOutcomeIsReported() {
        World world = world();
        Reseller target = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        partner(world.provider(), target);
        UUID first = subscriptionNamedBy(world);
        UUID second = subscriptionNamedBy(world);
        assertThat(api.put(world.path() + "/subscriptions/" + first + "/supportcontact", world.admin(), Map.of(
                "supportTenantId", world.reseller().tenant(), "supportMpnId", world.reseller().pla(), "name",
                "Fabrikam support")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where provider_tenant_id = ? and active", Long.class, world.provider()) == 2);
        UUID job = UUID.randomUUID();
        ReassignmentStarted started = job(world, job, target, List.of(
                new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), first, null),
                new ReassignmentItem(ReassignmentItem.SUPPORT_CONTACT, world.customer(), first, null),
                new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), second, null),
                // a support contact the source does not hold (the provider is), and another service's item
                new ReassignmentItem(ReassignmentItem.SUPPORT_CONTACT, world.customer(), second, null),
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, world.customer(), null, null)));

        publish(Topics.PARTNERSHIPS, job.toString(), started);
        publish(Topics.PARTNERSHIPS, job.toString(), started);

        await().atMost(Duration.ofSeconds(30)).until(() -> reports(job).size() == 1);
        assertThat(reports(job).get(0).items()).containsExactly(
                new ReassignmentOutcome(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), first,
                        ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.SUPPORT_CONTACT, world.customer(), first,
                        ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), second,
                        ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.SUPPORT_CONTACT, world.customer(), second,
                        ReassignmentOutcome.REFUSED, "not-held-by-source"));
        JsonNode moved = subscription(world, first);
        assertThat(moved.get("partnerId").asText()).isEqualTo(target.pla());
        assertThat(moved.get("resellerTenantId").asText()).isEqualTo(target.tenant().toString());
        assertThat(moved.get("supportContact").get("supportTenantId").asText()).isEqualTo(target.tenant().toString());
        assertThat(moved.get("supportContact").get("name").asText()).isEqualTo("Northwind support");
        assertThat(subscription(world, second).get("partnerId").asText()).isEqualTo(target.pla());
        // the history shows the moves like any other change
        JsonNode history = api.get(world.path() + "/subscriptions/" + first + "/history", world.admin()).body();
        assertThat(history.toString()).contains("ResellerOfRecordChanged", "SupportContactDesignated");
        List<String> jobsOfChanges = new java.util.ArrayList<>();
        history.get("items").forEach(change -> jobsOfChanges.add(change.get("type").asText() + ":"
                + change.get("what").path("reassignmentJobId").asText("-")));
        assertThat(jobsOfChanges).containsExactly("SubscriptionCreated:-", "SupportContactDesignated:-",
                "ResellerOfRecordChanged:" + job, "SupportContactDesignated:" + job);
        assertThat(eventsOfJob(job)).isEqualTo(3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> eventsOfJob(job) == 3
                && reports(job).size() == 1);
    }

    @Test
    void aTargetWithoutAnMpaInThisServicesCopyIsRefusedWith2203ButMaySupport() {
        World world = world();
        Reseller target = reseller("Europe", List.of(), ProgramStatus.ACTIVE);
        partner(world.provider(), target);
        UUID subscription = subscriptionNamedBy(world);
        assertThat(api.put(world.path() + "/subscriptions/" + subscription + "/supportcontact", world.admin(), Map.of(
                "supportTenantId", world.reseller().tenant(), "supportMpnId", world.reseller().pla(), "name",
                "Fabrikam support")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where provider_tenant_id = ? and active", Long.class, world.provider()) == 2);
        UUID job = UUID.randomUUID();

        publish(Topics.PARTNERSHIPS, job.toString(), job(world, job, target, List.of(
                new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), subscription, null),
                new ReassignmentItem(ReassignmentItem.SUPPORT_CONTACT, world.customer(), subscription, null))));

        await().atMost(Duration.ofSeconds(30)).until(() -> reports(job).size() == 1);
        assertThat(reports(job).get(0).items()).containsExactly(
                new ReassignmentOutcome(ReassignmentItem.RESELLER_OF_RECORD, world.customer(), subscription,
                        ReassignmentOutcome.REFUSED, "2203"),
                new ReassignmentOutcome(ReassignmentItem.SUPPORT_CONTACT, world.customer(), subscription,
                        ReassignmentOutcome.MOVED, null));
        assertThat(subscription(world, subscription).get("partnerId").asText()).isEqualTo(world.reseller().pla());
        assertThat(eventsOfJob(job)).isEqualTo(1);
    }
}
