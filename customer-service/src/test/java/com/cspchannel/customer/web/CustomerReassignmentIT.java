package com.cspchannel.customer.web;

import com.cspchannel.events.EventCodec;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.events.partnership.ResellerEnrolled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * customer-service's part of a reassignment job: from {@code ReassignmentStarted} it moves the delegated
 * administration and tenant-owner grants it owns with the ordinary commands (their events carry the job id), reports
 * every item's outcome once, and a redelivered job moves nothing again.
 */
class CustomerReassignmentIT extends CustomerIntegrationTest {

    private UUID enrolAndPartner(World world, String name) {
        UUID reseller = UUID.randomUUID();
        publish(reseller.toString(), new ResellerEnrolled(UUID.randomUUID(), Instant.now(), reseller, name,
                "admin@" + name.toLowerCase() + ".example", "DE", "Europe",
                List.of("9" + (1000000 + new java.util.Random().nextInt(8999999))), "8" + 1234567, "de-DE"));
        publish(world.provider() + ":" + reseller, new PartnershipAccepted(UUID.randomUUID(), Instant.now(),
                world.provider(), reseller, UUID.randomUUID(), "reseller-admin", "Europe"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(jdbc.query(
                "select active from partner_partnership where provider_tenant_id = ? and reseller_tenant_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, world.provider(), reseller)));
        return reseller;
    }

    private UUID customerOf(World world, UUID reseller) {
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), reseller, null));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return UUID.fromString(created.body().get("id").asText());
    }

    private long eventsOfJob(UUID job) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(meta_data, 'UTF8') "
                + "like ?", Long.class, "%\"reassignmentJobId\":\"" + job + "\"%");
    }

    private List<CustomerReassignmentProcessed> reports(UUID job) {
        return jdbc.queryForList("select payload from domain_event_entry where payload_type like "
                        + "'%CustomerReassignmentProcessed'", byte[].class).stream()
                .map(payload -> EventCodec.mapper().convertValue(readTree(payload),
                        CustomerReassignmentProcessed.class))
                .filter(report -> report.jobId().equals(job)).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] payload) {
        try {
            return EventCodec.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theJobsItemsMoveOnceWithTheOrdinaryEventsAndEveryOutcomeIsReported() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        UUID source = world.reseller();
        UUID target = enrolAndPartner(world, "Northwind");
        UUID other = enrolAndPartner(world, "Adatum");
        UUID azure = customerOf(world, source);
        holdAzurePlan(world, azure);
        assertThat(api.put("/api/v1/customers/" + azure + "/tenant-owner", world.sales(), null).status())
                .isEqualTo(200);
        UUID plain = customerOf(world, source);
        UUID alreadyTarget = customerOf(world, target);
        UUID elsewhere = customerOf(world, other);
        UUID job = UUID.randomUUID();
        ReassignmentStarted started = new ReassignmentStarted(UUID.randomUUID(), Instant.now(), job,
                world.provider(), source, target, "5223456", "Northwind", "provider-admin", List.of(
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, azure, null, null),
                new ReassignmentItem(ReassignmentItem.TENANT_OWNER, azure, null, null),
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, plain, null, null),
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, alreadyTarget, null, null),
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, elsewhere, null, null),
                // not this service's, or refused when the job started: left alone
                new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD, plain, UUID.randomUUID(), null),
                new ReassignmentItem(ReassignmentItem.TENANT_OWNER, plain, null, "delegated-admin-not-moved")));

        // delivered twice, as the relay may after a crash
        publish(job.toString(), started);
        publish(job.toString(), started);

        await().atMost(Duration.ofSeconds(30)).until(() -> reports(job).size() == 1);
        assertThat(reports(job).get(0).items()).containsExactly(
                new ReassignmentOutcome(ReassignmentItem.CUSTOMER_ADMIN, azure, null, ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.TENANT_OWNER, azure, null, ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.CUSTOMER_ADMIN, plain, null, ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome(ReassignmentItem.CUSTOMER_ADMIN, alreadyTarget, null,
                        ReassignmentOutcome.UNCHANGED, null),
                new ReassignmentOutcome(ReassignmentItem.CUSTOMER_ADMIN, elsewhere, null, ReassignmentOutcome.REFUSED,
                        "not-held-by-source"));
        var moved = api.get("/api/v1/customers/" + azure, world.admin()).body();
        assertThat(moved.get("associatedPartnerId").asText()).isEqualTo(target.toString());
        assertThat(moved.get("tenantOwnerPartnerId").asText()).isEqualTo(target.toString());
        assertThat(api.get("/api/v1/customers/" + plain, world.admin()).body().get("associatedPartnerId").asText())
                .isEqualTo(target.toString());
        assertThat(api.get("/api/v1/customers/" + elsewhere, world.admin()).body().get("associatedPartnerId").asText())
                .isEqualTo(other.toString());
        // the ordinary events, correlated to the job: Wingtip's grant and administration revoked from the source,
        // the association, its delegated administration and grant for the target (5); the plain customer's 3
        assertThat(eventsOfJob(job)).isEqualTo(8);
        // the redelivery (applied after the first, in partition order) moved nothing again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> eventsOfJob(job) == 8
                && reports(job).size() == 1);
    }

    @Test
    void aTargetThisServiceDoesNotKnowAsPartneredIsRefusedAndNothingMoves() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        UUID customer = customerOf(world, world.reseller());
        UUID stranger = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        long before = storedEvents();

        publish(job.toString(), new ReassignmentStarted(UUID.randomUUID(), Instant.now(), job, world.provider(),
                world.reseller(), stranger, null, "Stranger", "provider-admin", List.of(
                new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, customer, null, null))));

        await().atMost(Duration.ofSeconds(30)).until(() -> reports(job).size() == 1);
        assertThat(reports(job).get(0).items()).containsExactly(new ReassignmentOutcome(
                ReassignmentItem.CUSTOMER_ADMIN, customer, null, ReassignmentOutcome.REFUSED,
                "reseller-not-partnered"));
        assertThat(eventsOfJob(job)).isZero();
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(api.get("/api/v1/customers/" + customer, world.admin()).body().get("associatedPartnerId").asText())
                .isEqualTo(world.reseller().toString());
    }
}
