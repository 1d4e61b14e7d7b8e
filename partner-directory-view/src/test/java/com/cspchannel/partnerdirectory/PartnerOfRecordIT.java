package com.cspchannel.partnerdirectory;

import com.cspchannel.events.CloudEventHeaders;
import com.cspchannel.events.EventCodec;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.consumer.EventConsumer;
import com.cspchannel.platform.consumer.EventHandlers;
import com.cspchannel.platform.domain.DomainRuleViolation.Violation;
import com.cspchannel.rules.partner.PartnerIdRules;
import com.cspchannel.rules.partner.PartnerIdRules.Refusal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The reseller-of-record rule on the partner view as a service holds it: a new database on a real PostgreSQL with
 * the service's migrations, events applied the way the platform's consumer applies a Kafka record (decoded from
 * the CloudEvent, exactly once per event id, the listener's handlers in the same transaction), then the answers
 * of {@link PartnerFacts} and {@link OrderLineRules}. Every test makes its own tenants and PartnerIDs.
 */
class PartnerOfRecordIT {

    static final String CONSUMER = "test-service.partner-view";
    static JdbcTemplate jdbc;
    static EventConsumer consumer;
    static EventHandlers handlers;
    static PartnerFacts facts;
    static long offset;

    @BeforeAll
    static void database() throws Exception {
        Map<String, String> db = SharedInfrastructure.freshDatabaseProperties("partner_view_it");
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                db.get("spring.datasource.url"), db.get("spring.datasource.username"),
                db.get("spring.datasource.password"));
        // the locations every service migrates (csp-platform-defaults.properties): the platform's, then its own
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon", "classpath:db/migration").load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        consumer = new EventConsumer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        handlers = new PartnerViewListener(jdbc, CONSUMER).handlers();
        facts = new PartnerFacts(jdbc);
    }

    /** A provider in Europe and a reseller with two PLA ids and a PGA id, registered, not yet partnered. */
    record World(UUID provider, String providerId, UUID reseller, String pla, String otherPla, String pga) {
    }

    World world() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
        World world = new World(UUID.randomUUID(), "1" + tag, UUID.randomUUID(), "2" + tag, "3" + tag, "4" + tag);
        apply(new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(), world.provider(), "Contoso",
                "csp@contoso.example", "Europe", world.providerId(), "en"));
        enrol(world, "Europe");
        compliance(world, List.of("Europe"), ProgramStatus.ACTIVE);
        return world;
    }

    @Test
    void aPlaIdResolvesToItsResellerOnlyWhileThePartnershipIsActive() {
        World world = world();
        assertThat(refusal(world, world.pla())).as("registered but not partnered")
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(PartnerIdRules.NOT_PARTNERED));

        PartnershipAccepted accepted = accepted(world);
        apply(accepted);
        assertThat(refusal(world, world.pla())).as("partnered").isEmpty();
        assertThat(refusal(world, world.otherPla())).as("any of its PLA ids").isEmpty();
        assertThat(facts.resellerOfPla(world.pla())).contains(world.reseller());
        assertThat(facts.activePartnership(world.provider(), world.reseller())).isTrue();

        apply(new PartnershipRemoved(UUID.randomUUID(), Instant.now(), world.provider(), world.reseller(),
                "admin", "contract ended", true, "I attest in good faith"));
        assertThat(refusal(world, world.pla())).as("after the removal")
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(PartnerIdRules.NOT_PARTNERED));
        assertThat(facts.partnershipRemoved(world.provider(), world.reseller())).isTrue();
        assertThat(facts.resellerOfPla(world.pla())).as("the directory still knows whose id it is")
                .contains(world.reseller());

        // the acceptance delivered again (a relay retry) must not bring the removed partnership back
        assertThat(apply(accepted)).as("a redelivered event is not applied twice").isFalse();
        assertThat(refusal(world, world.pla()))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(PartnerIdRules.NOT_PARTNERED));

        // a new acceptance (a new event) does
        apply(accepted(world));
        assertThat(refusal(world, world.pla())).isEmpty();
        assertThat(facts.partnershipRemoved(world.provider(), world.reseller())).isFalse();
    }

    @Test
    void aPartneredResellerIsRefusedInAnotherRegionWithoutTheAgreementOrWhileSuspended() {
        World world = world();
        apply(accepted(world));
        assertThat(refusal(world, world.pla())).isEmpty();

        enrol(world, "Asia"); // ResellerProfileUpdated to another CSP region
        assertThat(refusal(world, world.pla())).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo("2201");
            assertThat(r.message()).contains("Asia").contains("Europe");
        });

        enrol(world, "Europe");
        compliance(world, List.of("Asia"), ProgramStatus.ACTIVE);
        assertThat(refusal(world, world.pla())).as("no agreement for Europe")
                .hasValueSatisfying(r -> assertThat(r.partnerCenterCodes()).containsExactly("2203", "900123"));

        compliance(world, List.of("Europe"), ProgramStatus.SUSPENDED);
        assertThat(refusal(world, world.pla())).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("800039"));

        compliance(world, List.of("Europe"), ProgramStatus.ACTIVE);
        assertThat(refusal(world, world.pla())).isEmpty();
    }

    @Test
    void theResellersGlobalIdAnUnknownIdTheProvidersOwnIdAndAnUnknownProviderAreRefused() {
        World world = world();
        apply(accepted(world));

        assertThat(refusal(world, world.pga())).hasValueSatisfying(r -> assertThat(r.partnerCenterCodes())
                .containsExactly("2204", "800016"));
        assertThat(refusal(world, "9" + world.pla())).hasValueSatisfying(r -> assertThat(r.partnerCenterCodes())
                .containsExactly("3000", "800015"));
        assertThat(refusal(world, world.providerId())).hasValueSatisfying(r -> assertThat(r.code())
                .isEqualTo("2072"));
        assertThat(facts.partnerOfRecordRefusal(UUID.randomUUID(), world.pla()))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("provider-not-registered"));
        assertThat(facts.providerRegistered(world.provider())).isTrue();
    }

    @Test
    void anOrderLineNamesTheRefusalAtItsPartnerOfRecord() {
        World world = world();
        OrderLineRules lines = new OrderLineRules(facts);
        OrderLine line = new OrderLine(1, "CFQ7TTC0LFLZ:0002", 10, world.pla());

        assertThat(lines.check(world.provider(), "lineItems[0]", line)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("lineItems[0].partnerIdOnRecord");
            assertThat(v.code()).isEqualTo(PartnerIdRules.NOT_PARTNERED);
        });
        apply(accepted(world));
        assertThat(lines.check(world.provider(), "lineItems[0]", line)).isEmpty();
        assertThat(lines.check(world.provider(), "lineItems[0]", new OrderLine(1, "CFQ7TTC0LFLZ:0002", 10, null)))
                .as("no partner of record: nothing to check").isEmpty();
        assertThat(lines.check(world.provider(), "lineItems[2]", new OrderLine(3, "no-such-offer", 10, world.pga())))
                .extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                        tuple("lineItems[2].offerId", "unknown-offer"),
                        tuple("lineItems[2].partnerIdOnRecord", "2204"));
    }

    private Optional<Refusal> refusal(World world, String partnerId) {
        return facts.partnerOfRecordRefusal(world.provider(), partnerId);
    }

    private PartnershipAccepted accepted(World world) {
        return new PartnershipAccepted(UUID.randomUUID(), Instant.now(), world.provider(), world.reseller(),
                UUID.randomUUID(), "reseller-admin", "Europe");
    }

    /** The reseller's profile in {@code region}: enrolled the first time, updated afterwards. */
    private void enrol(World world, String region) {
        boolean known = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from partner_reseller where reseller_tenant_id = ?)", Boolean.class,
                world.reseller()));
        List<String> pla = List.of(world.pla(), world.otherPla());
        apply(known
                ? new ResellerProfileUpdated(UUID.randomUUID(), Instant.now(), world.reseller(), "Fabrikam",
                        "admin@fabrikam.example", "DE", region, pla, world.pga(), "de-DE")
                : new ResellerEnrolled(UUID.randomUUID(), Instant.now(), world.reseller(), "Fabrikam",
                        "admin@fabrikam.example", "DE", region, pla, world.pga(), "de-DE"));
    }

    private void compliance(World world, List<String> mpaSignedRegions, ProgramStatus status) {
        apply(new ResellerComplianceChanged(UUID.randomUUID(), Instant.now(), world.reseller(), mpaSignedRegions,
                status));
    }

    /** Applies the event as the platform applies a record of csp.partnerships.events; whether it was applied now. */
    private static boolean apply(PublicEvent event) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.PARTNERSHIPS, 0, offset++, "key",
                EventCodec.encode(event));
        CloudEventHeaders.of(event, "partnership-service", "key").toKafkaHeaders()
                .forEach((name, value) -> record.headers().add(name, value));
        return consumer.apply(CONSUMER, record, handlers::handle);
    }
}
