package com.cspchannel.customer.web;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.test.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * The customer service on a random port with its own new database on a real PostgreSQL and a real Kafka broker.
 * Partnership facts reach it the way they do in production: as CloudEvents on {@code csp.partnerships.events}.
 */
abstract class CustomerIntegrationTest extends ServiceIntegrationTest {

    static final String BASIC = "CFQ7TTC0LH18:0001";
    static final String AZURE_PLAN = "DZH318Z0BPS6:0001";

    /** A provider in Europe and a reseller with a signed MPA, as the partnership service would publish them. */
    record World(UUID provider, String providerPartnerId, UUID reseller, String pla, String pga) {
        String admin() {
            return TOKENS.provider(provider, "GlobalAdmin");
        }

        String sales() {
            return TOKENS.provider(provider, "SalesAgent");
        }
    }

    World world() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        World world = new World(UUID.randomUUID(), "4" + random.nextInt(100000, 999999), UUID.randomUUID(),
                "5" + random.nextInt(1000000, 9999999), "6" + random.nextInt(1000000, 9999999));
        publish(world.provider().toString(), new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(),
                world.provider(), "Contoso", "csp@contoso.example", "Europe", world.providerPartnerId(), "en-US"));
        publish(world.reseller().toString(), new ResellerEnrolled(UUID.randomUUID(), Instant.now(), world.reseller(),
                "Fabrikam", "admin@fabrikam.example", "DE", "Europe", List.of(world.pla()), world.pga(), "de-DE"));
        publish(world.reseller().toString(), new ResellerComplianceChanged(UUID.randomUUID(), Instant.now(),
                world.reseller(), List.of("Europe"), ProgramStatus.ACTIVE));
        // a provider creates customers only once its profile is known here
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from partner_provider where provider_tenant_id = ?", Long.class, world.provider()) == 1);
        return world;
    }

    PartnershipAccepted partner(World world) {
        PartnershipAccepted accepted = new PartnershipAccepted(UUID.randomUUID(), Instant.now(), world.provider(),
                world.reseller(), UUID.randomUUID(), "reseller-admin", "Europe");
        publish(world.provider() + ":" + world.reseller(), accepted);
        return accepted;
    }

    /** Waits until this service's copy shows the partnership active (or removed). */
    void awaitPartnership(World world, boolean active) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.valueOf(active).equals(jdbc.query(
                "select active from partner_partnership where provider_tenant_id = ? and reseller_tenant_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, world.provider(), world.reseller())));
    }

    /** An Azure plan of the customer, as subscription-service publishes it; waits until this service knows it. */
    void holdAzurePlan(World world, UUID customer) {
        UUID subscription = UUID.randomUUID();
        publish(Topics.SUBSCRIPTIONS, subscription.toString(), new SubscriptionCreated(UUID.randomUUID(),
                Instant.now(), subscription, UUID.randomUUID(), customer, world.provider(), AZURE_PLAN, "Azure plan",
                1, null, null, "order-processor"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from customer_azure_plan where customer_id = ?", Long.class, customer) == 1);
    }

    void publish(String key, PublicEvent event) {
        publish(Topics.PARTNERSHIPS, key, event);
    }

    static Map<String, Object> customerRequest(String domain, UUID reseller, List<Map<String, Object>> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("companyProfile", Map.of("companyName", "Wingtip Toys", "domain", domain));
        body.put("billingProfile", Map.of("firstName", "Jane", "lastName", "Doe", "email", "jane@wingtip.example",
                "culture", "de-DE", "language", "de", "companyName", "Wingtip Toys GmbH",
                "defaultAddress", Map.of("addressLine1", "Hauptstrasse 1", "city", "Berlin", "postalCode", "10115",
                        "country", "DE")));
        if (reseller != null) {
            body.put("associatedPartnerId", reseller);
        }
        if (lines != null) {
            body.put("order", Map.of("lineItems", lines));
        }
        return body;
    }

    static Map<String, Object> line(String offerId, int quantity, String partnerIdOnRecord) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("offerId", offerId);
        line.put("quantity", quantity);
        if (partnerIdOnRecord != null) {
            line.put("partnerIdOnRecord", partnerIdOnRecord);
        }
        return line;
    }

    static String domain() {
        return "wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com";
    }

    /** Every row of every table and every stored event, as text: where a secret must never be. */
    String everyTableAsText() {
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class);
        StringBuilder text = new StringBuilder();
        for (String table : tables) {
            jdbc.queryForList("select t::text from " + table + " t", String.class).forEach(text::append);
        }
        jdbc.queryForList("select convert_from(payload, 'UTF8') || coalesce(convert_from(meta_data, 'UTF8'), '') "
                + "from domain_event_entry", String.class).forEach(text::append);
        return text.toString();
    }
    /** The records of one customer on {@code csp.customers.events}, once there are at least {@code count}. */
    List<ConsumerRecord<String, byte[]>> customerRecords(String customerId, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of(Topics.CUSTOMERS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (customerId.equals(record.key())) {
                        records.add(record);
                    }
                });
                return records.size() >= count;
            });
        }
        return records;
    }
}
