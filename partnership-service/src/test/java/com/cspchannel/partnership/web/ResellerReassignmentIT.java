package com.cspchannel.partnership.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reassignment's dry run and job in partnership-service: what the source holds (the associations view, fed
 * here by events published to the customers' and subscriptions' topics), the verdict per item with the single
 * operations' codes, the job recording the same plan, and its completion from the owning services' reports.
 */
class ResellerReassignmentIT extends IntegrationTest {

    private static final String PATH = "/api/v1/reseller-reassignments";

    private final UUID provider = UUID.randomUUID();
    private final UUID fabrikam = UUID.randomUUID();
    private final UUID northwind = UUID.randomUUID();
    private final UUID adatum = UUID.randomUUID();
    private final UUID outsider = UUID.randomUUID();
    private final UUID wingtip = UUID.randomUUID();
    private final UUID litware = UUID.randomUUID();
    private final UUID wingtipM365 = UUID.randomUUID();
    private final UUID litwareM365 = UUID.randomUUID();
    private String admin;

    @BeforeEach
    void sourceHoldsTwoCustomersAndTheirSubscriptions() {
        Random random = new Random();
        String fabrikamPla = "81" + (10000 + random.nextInt(80000));
        registerProvider(provider, "Contoso", "4847383");
        enrolReseller(fabrikam, "Fabrikam", "Europe", List.of(fabrikamPla), "82" + fabrikamPla.substring(2), "Europe");
        String northwindPla = "83" + (10000 + random.nextInt(80000));
        enrolReseller(northwind, "Northwind", "Europe", List.of(northwindPla), "84" + northwindPla.substring(2),
                "Europe");
        // Adatum has not signed the MPA: it cannot be reseller of record (2203), but may administer and support
        String adatumPla = "85" + (10000 + random.nextInt(80000));
        enrolReseller(adatum, "Adatum", "Europe", List.of(adatumPla), "86" + adatumPla.substring(2), null);
        String outsiderPla = "87" + (10000 + random.nextInt(80000));
        enrolReseller(outsider, "Outsider", "Europe", List.of(outsiderPla), "88" + outsiderPla.substring(2), "Europe");
        for (UUID reseller : List.of(fabrikam, northwind, adatum)) {
            assertThat(partner(provider, reseller).status()).isEqualTo(201);
        }
        Instant t0 = Instant.now().minus(Duration.ofDays(3));
        publish(Topics.CUSTOMERS, wingtip.toString(), new DelegatedAdminGranted(UUID.randomUUID(), t0, wingtip,
                provider, fabrikam, "sales"));
        publish(Topics.CUSTOMERS, wingtip.toString(), new TenantOwnerGranted(UUID.randomUUID(), t0.plusSeconds(1),
                wingtip, provider, fabrikam, "sales"));
        publish(Topics.CUSTOMERS, litware.toString(), new DelegatedAdminGranted(UUID.randomUUID(), t0, litware,
                provider, fabrikam, "sales"));
        publish(Topics.SUBSCRIPTIONS, wingtipM365.toString(), new SubscriptionCreated(UUID.randomUUID(), t0,
                wingtipM365, UUID.randomUUID(), wingtip, provider, "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic",
                10, fabrikamPla, fabrikam, "sales"));
        publish(Topics.SUBSCRIPTIONS, wingtipM365.toString(), new SupportContactDesignated(UUID.randomUUID(),
                t0.plusSeconds(1), wingtipM365, wingtip, provider, fabrikam, fabrikamPla, "Fabrikam support", null,
                "helpdesk"));
        publish(Topics.SUBSCRIPTIONS, litwareM365.toString(), new SubscriptionCreated(UUID.randomUUID(), t0,
                litwareM365, UUID.randomUUID(), litware, provider, "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic",
                5, fabrikamPla, fabrikam, "sales"));
        admin = TOKENS.provider(provider, "AdminAgent");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/resellers/" + fabrikam + "/associations",
                admin).body().get("totalCount").asInt() == 7);
    }

    private Map<String, Object> request(UUID target, Object... more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("sourceResellerTenantId", fabrikam,
                "targetResellerTenantId", target));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /** kind/customer/subscription → code (or "movable"), for comparing a dry run's items with a job's. */
    private static List<String> verdicts(JsonNode items, String codeField) {
        List<String> verdicts = new ArrayList<>();
        items.forEach(item -> verdicts.add(item.get("kind").asText() + "/" + item.get("customerId").asText() + "/"
                + (item.has("subscriptionId") ? item.get("subscriptionId").asText() : "-") + "="
                + (item.has(codeField) ? item.get(codeField).asText() : "movable")));
        return verdicts;
    }

    @Test
    void theDryRunListsEveryItemWithTheSingleOperationsCodes() {
        var dryRun = api.post(PATH + "/dry-run", admin, request(adatum));

        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        assertThat(verdicts(dryRun.body().get("moves"), "code")).containsExactlyInAnyOrder(
                "customer_admin/" + wingtip + "/-=movable",
                "tenant_owner/" + wingtip + "/-=movable",
                "reseller_of_record/" + wingtip + "/" + wingtipM365 + "=2203",
                "support_contact/" + wingtip + "/" + wingtipM365 + "=movable",
                "customer_admin/" + litware + "/-=movable",
                "reseller_of_record/" + litware + "/" + litwareM365 + "=2203");
        assertThat(dryRun.body().get("movable").asInt()).isEqualTo(4);
        assertThat(dryRun.body().get("refused").asInt()).isEqualTo(2);
        // a target with a signed MPA can be reseller of record of both
        var toNorthwind = api.post(PATH + "/dry-run", admin, request(northwind));
        assertThat(toNorthwind.body().get("refused").asInt()).isZero();
        assertThat(toNorthwind.body().get("movable").asInt()).isEqualTo(6);
        // the filters: one customer; a tenant-owner grant alone cannot move (it goes with the administration)
        var litwareOnly = api.post(PATH + "/dry-run", admin, request(northwind, "customerIds", List.of(litware)));
        assertThat(verdicts(litwareOnly.body().get("moves"), "code")).containsExactlyInAnyOrder(
                "customer_admin/" + litware + "/-=movable",
                "reseller_of_record/" + litware + "/" + litwareM365 + "=movable");
        var grantsOnly = api.post(PATH + "/dry-run", admin, request(northwind, "kinds", List.of("tenant_owner")));
        assertThat(verdicts(grantsOnly.body().get("moves"), "code")).containsExactly(
                "tenant_owner/" + wingtip + "/-=delegated-admin-not-moved");
    }

    @Test
    void theRequestIsRefusedAsAWholeWhenTheTargetCannotTakeAnything() {
        long before = storedEvents();
        var notPartnered = api.post(PATH, admin, request(outsider));
        assertThat(notPartnered.status()).isEqualTo(422);
        assertThat(notPartnered.code()).isEqualTo("reseller-not-partnered");
        assertThat(api.post(PATH + "/dry-run", admin, request(fabrikam)).code()).isEqualTo("same-reseller");
        assertThat(api.post(PATH + "/dry-run", admin, request(UUID.randomUUID())).code())
                .isEqualTo("reseller-not-enrolled");
        assertThat(api.post(PATH + "/dry-run", admin, Map.of("sourceResellerTenantId", fabrikam)).status())
                .isEqualTo(400);
        // GlobalAdmin and AdminAgent only; resellers never
        assertThat(api.post(PATH + "/dry-run", TOKENS.provider(provider, "SalesAgent"), request(northwind)).status())
                .isEqualTo(403);
        assertThat(api.post(PATH, TOKENS.reseller(fabrikam, "GlobalAdmin"), request(northwind)).status())
                .isEqualTo(403);
        assertThat(api.post(PATH + "/dry-run", TOKENS.provider(provider, "GlobalAdmin"), request(northwind)).status())
                .isEqualTo(200);
        // another provider's dry run finds nothing of this provider's customers (and its target is not partnered)
        assertThat(api.post(PATH + "/dry-run", TOKENS.provider(UUID.randomUUID(), "GlobalAdmin"), request(northwind))
                .status()).isEqualTo(422);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void theJobRecordsWhatTheDryRunListedAndCompletesWhenBothOwningServicesReported() {
        var dryRun = api.post(PATH + "/dry-run", admin, request(adatum));
        String key = UUID.randomUUID().toString();

        var started = api.withHeaders("POST", PATH, admin, request(adatum), Map.of("Idempotency-Key", key));

        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String jobId = started.body().get("jobId").asText();
        assertThat(started.headers().firstValue("Location")).contains(PATH + "/" + jobId);
        assertThat(started.body().get("state").asText()).isEqualTo("running");
        assertThat(verdicts(started.body().get("moves"), "code"))
                .isEqualTo(verdicts(dryRun.body().get("moves"), "code"));
        assertThat(started.body().get("progress").toString()).isEqualTo("{\"done\":0,\"failed\":2,\"pending\":4}");
        // a retry answers the same job and starts nothing
        long events = storedEvents();
        var retried = api.withHeaders("POST", PATH, admin, request(adatum), Map.of("Idempotency-Key", key));
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("jobId").asText()).isEqualTo(jobId);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(storedEvents()).isEqualTo(events);

        // customer-service reports (twice: a redelivery), then subscription-service
        UUID job = UUID.fromString(jobId);
        var customerReport = new CustomerReassignmentProcessed(UUID.randomUUID(), Instant.now(), job, provider, List.of(
                new ReassignmentOutcome("customer_admin", wingtip, null, ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome("tenant_owner", wingtip, null, ReassignmentOutcome.MOVED, null),
                new ReassignmentOutcome("customer_admin", litware, null, ReassignmentOutcome.UNCHANGED, null)));
        publish(Topics.CUSTOMERS, jobId, customerReport);
        publish(Topics.CUSTOMERS, jobId, customerReport);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(PATH + "/" + jobId, admin).body()
                .get("progress").get("pending").asInt() == 1);
        assertThat(api.get(PATH + "/" + jobId, admin).body().get("state").asText()).isEqualTo("running");
        publish(Topics.SUBSCRIPTIONS, jobId, new SubscriptionReassignmentProcessed(UUID.randomUUID(), Instant.now(),
                job, provider, List.of(new ReassignmentOutcome("support_contact", wingtip, wingtipM365,
                ReassignmentOutcome.REFUSED, "reseller-not-partnered"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(PATH + "/" + jobId, admin).body()
                .get("state").asText().equals("completed"));
        JsonNode completed = api.get(PATH + "/" + jobId, admin).body();
        assertThat(completed.get("progress").toString()).isEqualTo("{\"done\":3,\"failed\":3,\"pending\":0}");
        assertThat(verdicts(completed.get("moves"), "outcome")).containsExactlyInAnyOrder(
                "customer_admin/" + wingtip + "/-=moved",
                "tenant_owner/" + wingtip + "/-=moved",
                "reseller_of_record/" + wingtip + "/" + wingtipM365 + "=refused",
                "support_contact/" + wingtip + "/" + wingtipM365 + "=refused",
                "customer_admin/" + litware + "/-=unchanged",
                "reseller_of_record/" + litware + "/" + litwareM365 + "=refused");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? and "
                + "payload_type like '%ReassignmentCompleted'", Long.class, jobId)).isEqualTo(1);
        // another provider's users do not see the job
        assertThat(api.get(PATH + "/" + jobId, TOKENS.provider(UUID.randomUUID(), "GlobalAdmin")).code())
                .isEqualTo("reassignment-not-found");
    }
}
