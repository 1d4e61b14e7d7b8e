package com.cspchannel.subscription.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.platform.test.MovableClock;
import com.cspchannel.platform.test.ServiceIntegrationTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * The subscription service on a random port with its own database on a real PostgreSQL and a real Kafka broker.
 * Partnership facts and customers reach it as CloudEvents on their topics, as in production.
 */
@Import(SubscriptionIntegrationTest.Clocks.class)
abstract class SubscriptionIntegrationTest extends ServiceIntegrationTest {

    /**
     * The service's clock: the system's, unless a test stops it (and releases it after). One clock for every
     * test class, so that all share one application context: two contexts in one JVM would split the consumer
     * groups' partitions between them, each applying to its own database.
     */
    static final MovableClock CLOCK = new MovableClock();

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    static final String BASIC = "CFQ7TTC0LH18:0001";
    static final String STANDARD = "CFQ7TTC0LDPB:0001";
    static final String AZURE_PLAN = "DZH318Z0BPS6:0001";

    /** A reseller as the partnership service describes it. */
    record Reseller(UUID tenant, String pla, String pga) {
    }

    /** A provider in Europe with one partnered reseller and a customer administered by it. */
    record World(UUID provider, String providerPartnerId, Reseller reseller, UUID customer) {
        String admin() {
            return TOKENS.provider(provider, "GlobalAdmin");
        }

        String sales() {
            return TOKENS.provider(provider, "SalesAgent");
        }

        String path() {
            return "/api/v1/customers/" + customer;
        }
    }

    World world() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID provider = UUID.randomUUID();
        String providerPartnerId = "4" + random.nextInt(100000, 999999);
        publish(Topics.PARTNERSHIPS, provider.toString(), new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(),
                provider, "Contoso", "csp@contoso.example", "Europe", providerPartnerId, "en-US"));
        Reseller reseller = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        partner(provider, reseller);
        UUID customer = UUID.randomUUID();
        publish(Topics.CUSTOMERS, customer.toString(), customerCreated(customer, provider, reseller.tenant(), null));
        World world = new World(provider, providerPartnerId, reseller, customer);
        await().atMost(Duration.ofSeconds(30)).until(() -> known("known_customer", "customer_id", customer)
                && jdbc.queryForObject("select count(*) from partner_partnership where provider_tenant_id = ? "
                + "and active", Long.class, provider) == 1
                && jdbc.queryForObject("select count(*) from partner_provider where provider_tenant_id = ?",
                Long.class, provider) == 1);
        return world;
    }

    Reseller reseller(String region, List<String> mpaRegions, ProgramStatus status) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Reseller reseller = new Reseller(UUID.randomUUID(), "5" + random.nextInt(1000000, 9999999),
                "6" + random.nextInt(1000000, 9999999));
        publish(Topics.PARTNERSHIPS, reseller.tenant().toString(), new ResellerEnrolled(UUID.randomUUID(), Instant.now(),
                reseller.tenant(), "Reseller " + reseller.pla(), "r@example.org", "DE", region, List.of(reseller.pla()),
                reseller.pga(), null));
        publish(Topics.PARTNERSHIPS, reseller.tenant().toString(), new ResellerComplianceChanged(UUID.randomUUID(),
                Instant.now(), reseller.tenant(), mpaRegions, status));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from partner_reseller where reseller_tenant_id = ? and program_status = ?", Long.class,
                reseller.tenant(), status.name().toLowerCase()) == 1);
        return reseller;
    }

    PartnershipAccepted partner(UUID provider, Reseller reseller) {
        PartnershipAccepted accepted = new PartnershipAccepted(UUID.randomUUID(), Instant.now(), provider,
                reseller.tenant(), UUID.randomUUID(), "reseller-admin", "Europe");
        publish(Topics.PARTNERSHIPS, provider + ":" + reseller.tenant(), accepted);
        return accepted;
    }

    static CustomerCreated customerCreated(UUID customer, UUID provider, UUID reseller, AcceptedOrder order) {
        return new CustomerCreated(UUID.randomUUID(), Instant.now(), customer, provider,
                new CompanyProfile("Wingtip", "wingtip" + customer.toString().substring(0, 8) + ".onmicrosoft.com"),
                new BillingProfile("Jane", "Doe", "jane@wingtip.example", "en-US", "en", "Wingtip",
                        new Address("1 Main St", null, "Berlin", null, "10115", "DE")),
                reseller, "admin@wingtip.onmicrosoft.com", order, "sales");
    }

    static AcceptedOrder order(OrderLine... lines) {
        return new AcceptedOrder(UUID.randomUUID(), List.of(lines));
    }

    boolean known(String table, String column, UUID id) {
        return jdbc.queryForObject("select count(*) from " + table + " where " + column + " = ?", Long.class, id) > 0;
    }

}
