package com.cspchannel.partnership.web;

import com.cspchannel.events.EventCodec;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.infra.SharedInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import com.cspchannel.partnership.integration.AssociationView;
import com.cspchannel.platform.consumer.EventConsumers;
import com.cspchannel.platform.consumer.RunningConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a reseller becomes ineligible for a provider (the provider removes the partnership, the reseller is
 * suspended, its MPA stops covering the region), the provider is sent one report, on the partnerships topic,
 * listing exactly the customers the reseller administers for it and its subscriptions that name the reseller, as
 * they were at that instant; the endpoint answers the same, with the reassignment dry run to start from; and
 * nothing changed by itself.
 */
class ResellerIneligibilityIT extends IntegrationTest {

    private static final String REPORTED = "partnership.ResellerIneligibilityReported.v1";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final Random random = new Random();
    private final Instant t0 = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    private KafkaConsumer<String, byte[]> topic;
    @Autowired
    EventConsumers consumers;
    @Autowired
    AssociationView view;
    private final List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();

    @BeforeEach
    void readThePartnershipsTopic() {
        topic = SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers());
        topic.subscribe(List.of(Topics.PARTNERSHIPS));
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void aRemovedPartnershipIsReportedOnceWithExactlyWhatStillNamesTheResellerAndNothingChanges() {
        UUID contoso = provider("Contoso");
        UUID litware = provider("Litware");
        UUID fabrikam = reseller("Fabrikam");
        UUID northwind = reseller("Northwind");
        partner(contoso, fabrikam, northwind);
        partner(litware, fabrikam);
        UUID administered = UUID.randomUUID();
        UUID movedAway = UUID.randomUUID();
        UUID litwaresCustomer = UUID.randomUUID();
        publish(Topics.CUSTOMERS, administered.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1),
                administered, contoso, fabrikam, "sales"));
        publish(Topics.CUSTOMERS, administered.toString(), new TenantOwnerGranted(UUID.randomUUID(), at(1),
                administered, contoso, fabrikam, "sales"));
        publish(Topics.CUSTOMERS, movedAway.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1), movedAway,
                contoso, fabrikam, "sales"));
        publish(Topics.CUSTOMERS, movedAway.toString(), new DelegatedAdminRevoked(UUID.randomUUID(), at(2), movedAway,
                contoso, fabrikam, "admin", "moved to Northwind"));
        publish(Topics.CUSTOMERS, litwaresCustomer.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1),
                litwaresCustomer, litware, fabrikam, "sales"));
        UUID ofRecord = subscription(contoso, administered, fabrikam);
        UUID supported = subscription(contoso, administered, northwind);
        support(supported, administered, contoso, fabrikam);
        UUID both = subscription(contoso, movedAway, fabrikam);
        support(both, movedAway, contoso, fabrikam);
        UUID reassigned = subscription(contoso, administered, fabrikam);
        publish(Topics.SUBSCRIPTIONS, reassigned.toString(), new ResellerOfRecordChanged(UUID.randomUUID(), at(3),
                reassigned, administered, contoso, pla(fabrikam), fabrikam, pla(northwind), northwind, "sales"));
        subscription(litware, litwaresCustomer, fabrikam);
        String admin = TOKENS.provider(contoso, "GlobalAdmin");
        awaitHeld(contoso, fabrikam, 1, 2, 2);

        assertThat(api.delete("/api/v1/partnerships/" + fabrikam, admin, Map.of("goodFaithAttestation", true,
                "reason", "Reseller left the program")).status()).isEqualTo(200);
        Instant removedAt = Instant.parse(api.get("/api/v1/partnerships?state=removed", admin).body().get("items")
                .get(0).get("removedAt").asText());

        ResellerIneligibilityReported report = reportedOnce(contoso, fabrikam);
        assertThat(report.cause()).isEqualTo("partnership_removed");
        assertThat(report.cspRegion()).isNull();
        assertThat(report.asOf()).isEqualTo(removedAt);
        assertThat(report.customers()).containsExactly(new AffectedCustomer(administered));
        assertThat(report.subscriptions()).containsExactlyElementsOf(sorted(
                new AffectedSubscription(ofRecord, administered, true, false),
                new AffectedSubscription(supported, administered, false, true),
                new AffectedSubscription(both, movedAway, true, true)));
        assertThat(reports(litware, fabrikam)).as("Litware is still partnered with Fabrikam").isEmpty();

        // The endpoint says why and lists the same, with the dry run of a reassignment away from Fabrikam.
        JsonNode ineligibility = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility",
                TOKENS.provider(contoso, "HelpdeskAgent")).body();
        assertThat(ineligibility.get("eligible").asBoolean()).isFalse();
        assertThat(ineligibility.get("causes")).hasSize(1);
        assertThat(ineligibility.get("causes").get(0).get("cause").asText()).isEqualTo("partnership_removed");
        assertThat(Instant.parse(ineligibility.get("causes").get(0).get("since").asText())).isEqualTo(removedAt);
        assertThat(customers(ineligibility)).containsExactlyElementsOf(report.customers());
        assertThat(subscriptions(ineligibility)).containsExactlyElementsOf(report.subscriptions());
        JsonNode reassignment = ineligibility.get("reassignment");
        assertThat(reassignment.get("href").asText()).isEqualTo("/api/v1/reseller-reassignments/dry-run");
        assertThat(reassignment.get("method").asText()).isEqualTo("POST");
        assertThat(reassignment.get("body").get("sourceResellerTenantId").asText()).isEqualTo(fabrikam.toString());
        // followed with a target, the link's dry run plans to move exactly these customers and subscriptions
        Map<String, Object> dryRunBody = new java.util.HashMap<>(JSON.convertValue(reassignment.get("body"),
                Map.class));
        dryRunBody.put("targetResellerTenantId", northwind);
        var dryRun = api.send(reassignment.get("method").asText(), reassignment.get("href").asText(), admin,
                dryRunBody, null);
        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        java.util.Set<String> planned = new java.util.TreeSet<>();
        dryRun.body().get("moves").forEach(item -> planned.add(item.get("kind").asText() + ":"
                + (item.hasNonNull("subscriptionId") ? item.get("subscriptionId") : item.get("customerId")).asText()));
        java.util.Set<String> reported = new java.util.TreeSet<>(List.of("customer_admin:" + administered,
                "tenant_owner:" + administered));
        report.subscriptions().forEach(s -> {
            if (s.resellerOfRecord()) {
                reported.add("reseller_of_record:" + s.subscriptionId());
            }
            if (s.supportContact()) {
                reported.add("support_contact:" + s.subscriptionId());
            }
        });
        assertThat(planned).isEqualTo(reported);
        assertThat(ineligibility.get("reports")).hasSize(1);
        assertThat(ineligibility.get("reports").get(0).get("reportId").asText())
                .isEqualTo(report.reportId().toString());
        assertThat(ineligibility.get("reports").get(0).get("reportedAt")).isNotNull();
        JsonNode atLitware = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility",
                TOKENS.provider(litware, "GlobalAdmin")).body();
        assertThat(atLitware.get("eligible").asBoolean()).isTrue();
        assertThat(atLitware.get("customers")).isEmpty();
        assertThat(atLitware.get("reassignment")).isNull();

        // Resellers are not told; a reseller unknown or never partnered is a 404.
        var asReseller = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility",
                TOKENS.reseller(fabrikam, "GlobalAdmin"));
        assertThat(asReseller.status()).isEqualTo(403);
        var unknown = api.get("/api/v1/resellers/" + UUID.randomUUID() + "/ineligibility", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("reseller-not-found");
        var neverPartnered = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility",
                TOKENS.provider(provider("Adatum"), "GlobalAdmin"));
        assertThat(neverPartnered.status()).isEqualTo(404);
        assertThat(neverPartnered.code()).isEqualTo("partnership-not-found");

        // Nothing changed by itself: the customers and subscriptions still name Fabrikam.
        JsonNode held = api.get("/api/v1/resellers/" + fabrikam + "/associations", admin).body();
        assertThat(held.get("counts").get("customer_admin").asLong()).isEqualTo(1);
        assertThat(held.get("counts").get("tenant_owner").asLong()).isEqualTo(1);
        assertThat(held.get("counts").get("reseller_of_record").asLong()).isEqualTo(2);
        assertThat(held.get("counts").get("support_contact").asLong()).isEqualTo(2);
        assertThat(held.get("counts").get("partnership").asLong()).isZero();
    }

    @Test
    void aSuspensionIsReportedToEachPartneredProviderWithItsOwnItemsAndAChangeWhileSuspendedIsNotReportedAgain() {
        UUID contoso = provider("Contoso");
        UUID litware = provider("Litware");
        UUID fabrikam = reseller("Fabrikam");
        UUID northwind = reseller("Northwind");
        partner(contoso, fabrikam, northwind);
        partner(litware, fabrikam);
        UUID contosos = UUID.randomUUID();
        UUID litwares = UUID.randomUUID();
        publish(Topics.CUSTOMERS, contosos.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1), contosos,
                contoso, fabrikam, "sales"));
        UUID ofRecord = subscription(contoso, contosos, fabrikam);
        UUID northwinds = subscription(contoso, contosos, northwind);
        UUID supported = subscription(litware, litwares, null);
        support(supported, litwares, litware, fabrikam);
        awaitHeld(contoso, fabrikam, 1, 1, 0);
        awaitHeld(litware, fabrikam, 0, 0, 1);

        // suspended, and its MPA gone with it: one report per provider, for the suspension
        assertThat(compliance(fabrikam, List.of(), "suspended")).isEqualTo(200);
        ResellerIneligibilityReported atContoso = reportedOnce(contoso, fabrikam);
        ResellerIneligibilityReported atLitware = reportedOnce(litware, fabrikam);
        assertThat(atContoso.cause()).isEqualTo("reseller_suspended");
        assertThat(atContoso.customers()).containsExactly(new AffectedCustomer(contosos));
        assertThat(atContoso.subscriptions()).containsExactly(new AffectedSubscription(ofRecord, contosos, true,
                false));
        assertThat(atLitware.cause()).isEqualTo("reseller_suspended");
        assertThat(atLitware.customers()).isEmpty();
        assertThat(atLitware.subscriptions()).containsExactly(new AffectedSubscription(supported, litwares, false,
                true));
        assertThat(atLitware.asOf()).isEqualTo(atContoso.asOf());
        assertThat(atContoso.reportId()).isNotEqualTo(atLitware.reportId());
        assertThat(northwinds).isNotIn(atContoso.subscriptions().stream().map(AffectedSubscription::subscriptionId)
                .toList());
        assertThat(reports(contoso, northwind)).isEmpty();

        // already ineligible: a change of its regions while suspended is no new ineligibility
        assertThat(compliance(fabrikam, List.of("Europe"), "suspended")).isEqualTo(200);
        assertThat(compliance(fabrikam, List.of(), "suspended")).isEqualTo(200);
        pollFor(Duration.ofSeconds(5));
        assertThat(reports(contoso, fabrikam)).hasSize(1);
        assertThat(reports(litware, fabrikam)).hasSize(1);
        JsonNode ineligibility = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility",
                TOKENS.provider(contoso, "SalesAgent")).body();
        assertThat(ineligibility.get("causes").findValuesAsText("cause"))
                .containsExactly("reseller_suspended", "mpa_lapsed");
        assertThat(subscriptions(ineligibility)).containsExactlyElementsOf(atContoso.subscriptions());
    }

    @Test
    void anMpaThatNoLongerCoversThePartnershipsRegionIsReportedWithTheRegion() {
        UUID contoso = provider("Contoso");
        UUID fabrikam = reseller("Fabrikam");
        partner(contoso, fabrikam);
        UUID customer = UUID.randomUUID();
        publish(Topics.CUSTOMERS, customer.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1), customer,
                contoso, fabrikam, "sales"));
        UUID supported = subscription(contoso, customer, null);
        support(supported, customer, contoso, fabrikam);
        awaitHeld(contoso, fabrikam, 1, 0, 1);
        String admin = TOKENS.provider(contoso, "AdminAgent");
        assertThat(api.get("/api/v1/resellers/" + fabrikam + "/ineligibility", admin).body().get("eligible")
                .asBoolean()).isTrue();

        // the MPA now covers another region only, and the reseller stays active
        assertThat(compliance(fabrikam, List.of("North America"), "active")).isEqualTo(200);
        ResellerIneligibilityReported report = reportedOnce(contoso, fabrikam);
        assertThat(report.cause()).isEqualTo("mpa_lapsed");
        assertThat(report.cspRegion()).isEqualTo("Europe");
        assertThat(report.customers()).containsExactly(new AffectedCustomer(customer));
        assertThat(report.subscriptions()).containsExactly(new AffectedSubscription(supported, customer, false, true));
        JsonNode ineligibility = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility", admin).body();
        assertThat(ineligibility.get("eligible").asBoolean()).isFalse();
        assertThat(ineligibility.get("causes").get(0).get("cause").asText()).isEqualTo("mpa_lapsed");
        assertThat(ineligibility.get("causes").get(0).get("cspRegion").asText()).isEqualTo("Europe");

        // signed again: eligible, and nothing more is reported
        assertThat(compliance(fabrikam, List.of("Europe", "North America"), "active")).isEqualTo(200);
        pollFor(Duration.ofSeconds(4));
        assertThat(reports(contoso, fabrikam)).hasSize(1);
        JsonNode again = api.get("/api/v1/resellers/" + fabrikam + "/ineligibility", admin).body();
        assertThat(again.get("eligible").asBoolean()).isTrue();
        assertThat(again.get("reports")).hasSize(1);
    }

    @Test
    void aReportWaitsForTheViewToReadWhatHappenedBeforeTheRemoval() {
        UUID contoso = provider("Contoso");
        UUID fabrikam = reseller("Fabrikam");
        partner(contoso, fabrikam);
        awaitHeld(contoso, fabrikam, 0, 0, 0);
        // the view falls behind: a delegated-admin grant made before the removal is on its topic, not yet in the view
        RunningConsumer viewConsumer = consumers.running("partnership-service.associations.g"
                + view.activeGeneration()).orElseThrow();
        viewConsumer.pause();
        try {
            await().atMost(Duration.ofSeconds(10)).until(viewConsumer::paused);
            UUID customer = UUID.randomUUID();
            publish(Topics.CUSTOMERS, customer.toString(), new DelegatedAdminGranted(UUID.randomUUID(), at(1),
                    customer, contoso, fabrikam, "sales"));
            assertThat(api.delete("/api/v1/partnerships/" + fabrikam, TOKENS.provider(contoso, "GlobalAdmin"),
                    Map.of("goodFaithAttestation", true, "reason", "Reseller left the program")).status())
                    .isEqualTo(200);
            pollFor(Duration.ofSeconds(6));
            assertThat(reports(contoso, fabrikam)).as("no report while the view lags").isEmpty();
            viewConsumer.resume();
            assertThat(reportedOnce(contoso, fabrikam).customers()).containsExactly(new AffectedCustomer(customer));
        } finally {
            viewConsumer.resume();
        }
    }

    private UUID provider(String name) {
        UUID provider = UUID.randomUUID();
        registerProvider(provider, name, String.valueOf(4_000_000 + random.nextInt(900_000)));
        return provider;
    }

    private final Map<UUID, String> plas = new java.util.HashMap<>();

    private UUID reseller(String name) {
        UUID reseller = UUID.randomUUID();
        String pla = "9" + (100000 + random.nextInt(800000));
        plas.put(reseller, pla);
        enrolReseller(reseller, name, "Europe", List.of(pla), "8" + pla.substring(1), "Europe");
        return reseller;
    }

    private String pla(UUID reseller) {
        return plas.get(reseller);
    }

    private void partner(UUID provider, UUID... resellers) {
        for (UUID reseller : resellers) {
            assertThat(partner(provider, reseller).status()).isEqualTo(201);
        }
    }

    private UUID subscription(UUID provider, UUID customer, UUID resellerOfRecord) {
        UUID subscription = UUID.randomUUID();
        publish(Topics.SUBSCRIPTIONS, subscription.toString(), new SubscriptionCreated(UUID.randomUUID(), at(1),
                subscription, UUID.randomUUID(), customer, provider, "CFQ7TTC0LH18:0001",
                "Microsoft 365 Business Basic", 10, resellerOfRecord == null ? null : pla(resellerOfRecord),
                resellerOfRecord, "sales"));
        return subscription;
    }

    private void support(UUID subscription, UUID customer, UUID provider, UUID reseller) {
        publish(Topics.SUBSCRIPTIONS, subscription.toString(), new SupportContactDesignated(UUID.randomUUID(), at(2),
                subscription, customer, provider, reseller, pla(reseller), "Support", null, "helpdesk"));
    }

    private int compliance(UUID reseller, List<String> regions, String status) {
        return api.put("/api/v1/resellers/" + reseller + "/compliance", directoryAdmin(),
                Map.of("mpaSignedRegions", regions, "programStatus", status)).status();
    }

    /** Waits until the associations view holds what the test published for the provider and reseller. */
    private void awaitHeld(UUID provider, UUID reseller, long customers, long ofRecord, long support) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode counts = api.get("/api/v1/resellers/" + reseller + "/associations",
                    TOKENS.provider(provider, "GlobalAdmin")).body().get("counts");
            return counts.get("customer_admin").asLong() == customers
                    && counts.get("reseller_of_record").asLong() == ofRecord
                    && counts.get("support_contact").asLong() == support && counts.get("partnership").asLong() == 1;
        });
    }

    /** The one report to the provider about the reseller: it arrives, and a while later it is still the only one. */
    private ResellerIneligibilityReported reportedOnce(UUID provider, UUID reseller) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return !reports(provider, reseller).isEmpty();
        });
        pollFor(Duration.ofSeconds(3));
        List<ResellerIneligibilityReported> reports = reports(provider, reseller);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private List<ResellerIneligibilityReported> reports(UUID provider, UUID reseller) {
        List<ResellerIneligibilityReported> reports = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            var type = record.headers().lastHeader("ce_type");
            if (type != null && new String(type.value(), StandardCharsets.UTF_8).equals(REPORTED)) {
                var report = (ResellerIneligibilityReported) EventCodec.decode(REPORTED, record.value());
                if (report.providerTenantId().equals(provider) && report.resellerTenantId().equals(reseller)) {
                    assertThat(record.key()).isEqualTo(report.reportId().toString());
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    private void poll() {
        topic.poll(Duration.ofMillis(300)).forEach(published::add);
    }

    private void pollFor(Duration duration) {
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            poll();
        }
    }

    private static List<AffectedCustomer> customers(JsonNode ineligibility) {
        List<AffectedCustomer> customers = new ArrayList<>();
        ineligibility.get("customers").forEach(c -> customers.add(new AffectedCustomer(
                UUID.fromString(c.get("customerId").asText()))));
        return customers;
    }

    private static List<AffectedSubscription> subscriptions(JsonNode ineligibility) {
        List<AffectedSubscription> subscriptions = new ArrayList<>();
        ineligibility.get("subscriptions").forEach(s -> subscriptions.add(new AffectedSubscription(
                UUID.fromString(s.get("subscriptionId").asText()), UUID.fromString(s.get("customerId").asText()),
                s.get("resellerOfRecord").asBoolean(), s.get("supportContact").asBoolean())));
        return subscriptions;
    }

    /** In the report's order: PostgreSQL's uuid order, that of the ids' text. */
    private static List<AffectedSubscription> sorted(AffectedSubscription... subscriptions) {
        return java.util.Arrays.stream(subscriptions)
                .sorted(Comparator.comparing(s -> s.subscriptionId().toString())).toList();
    }

    private Instant at(int minute) {
        return t0.plus(Duration.ofMinutes(minute));
    }
}
