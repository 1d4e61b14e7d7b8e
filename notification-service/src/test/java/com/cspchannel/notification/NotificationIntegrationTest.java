package com.cspchannel.notification;

import com.cspchannel.infra.MailServer;
import com.cspchannel.platform.test.ServiceIntegrationTest;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ResellerEnrolled;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notification service on a random port with its own new database on a real PostgreSQL, a real Kafka broker
 * and a real SMTP server (GreenMail) in the test JVM. Events reach it the way they do in production: as
 * CloudEvents on the three topics, published here the way the producing services' relays publish them.
 * Every test makes its own tenants and addresses, so tests never see each other's mail.
 */
@TestPropertySource(properties = {"csp.notification.poll-interval=200ms", "csp.notification.initial-backoff=500ms",
        "csp.notification.max-backoff=2s", "csp.notification.max-attempts=1000",
        "csp.consumer.retries=2", "csp.consumer.initial-interval=100ms"})
abstract class NotificationIntegrationTest extends ServiceIntegrationTest {

    static final MailServer SMTP = MailServer.shared();
    static final Duration WAIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::smtpPort);
    }

    /** A provider (English), a German-speaking reseller and an English-speaking one, each with its own address. */
    record World(UUID provider, String providerEmail, UUID reseller, String resellerEmail, UUID other,
                 String otherEmail, String tag) {
        String providerAdmin() {
            return TOKENS.provider(provider, "GlobalAdmin");
        }
    }

    World world() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
        return new World(UUID.randomUUID(), "csp-" + tag + "@contoso.example", UUID.randomUUID(),
                "admin-" + tag + "@fabrikam.example", UUID.randomUUID(), "team-" + tag + "@tailspin.example", tag);
    }

    /** The world's profiles, as the partnership service publishes them. */
    List<PublicEvent> profiles(World world) {
        return List.of(
                providerProfile(world, "en-US"),
                new ResellerEnrolled(UUID.randomUUID(), Instant.now(), world.reseller(), "Fabrikam " + world.tag(),
                        world.resellerEmail(), "DE", "Europe", List.of("5" + world.tag()), "6" + world.tag(), "de-DE"),
                new ResellerEnrolled(UUID.randomUUID(), Instant.now(), world.other(), "Tailspin " + world.tag(),
                        world.otherEmail(), "IE", "Europe", List.of("7" + world.tag()), "8" + world.tag(), null));
    }

    ProviderProfileRegistered providerProfile(World world, String language) {
        return new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(), world.provider(),
                "Contoso " + world.tag(), world.providerEmail(), "Europe", "4" + world.tag(), language);
    }

    PartnershipAccepted accepted(World world, UUID reseller) {
        return new PartnershipAccepted(UUID.randomUUID(), Instant.now(), world.provider(), reseller,
                UUID.randomUUID(), "reseller-admin", "Europe");
    }

    CustomerCreated customerFor(World world, UUID reseller, UUID customerId, String billingEmail) {
        return new CustomerCreated(UUID.randomUUID(), Instant.now(), customerId, world.provider(),
                new CompanyProfile("Wingtip Toys " + world.tag(), "wingtip" + world.tag() + ".onmicrosoft.com"),
                new BillingProfile("Jane", "Doe", billingEmail, "de-DE", "de", "Wingtip Toys GmbH",
                        new Address("Hauptstrasse 1", null, "Berlin", null, "10115", "DE")),
                reseller, "admin@wingtip" + world.tag() + ".onmicrosoft.com", null, "user-1");
    }

    /** Publishes each event on its topic as a CloudEvent, keyed as its producer's relay keys it. */
    void publish(PublicEvent... events) {
        TestEvents.publish(1, events);
    }

    /** Publishes each event {@code copies} times (a redelivery, as a retried relay batch would cause). */
    void publish(int copies, PublicEvent... events) {
        TestEvents.publish(copies, events);
    }

    /** Waits until this service consumed every one of these events (each once: the consumed-event table). */
    void awaitConsumed(PublicEvent... events) {
        List<UUID> ids = Arrays.stream(events).map(PublicEvent::eventId).toList();
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(distinct event_id) from consumed_event where event_id = any(?)", Long.class,
                (Object) ids.toArray(UUID[]::new)) == ids.size());
    }

    /** Waits until no notification of these events is waiting any more (sent, failed or not sent). */
    void awaitSettled(PublicEvent... events) {
        awaitConsumed(events);
        List<UUID> ids = Arrays.stream(events).map(PublicEvent::eventId).toList();
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from notification where event_id = any(?) and status in ('pending', 'pending_address')",
                Long.class, (Object) ids.toArray(UUID[]::new)) == 0);
    }

    /** The one mail of this type to this address (fails when there are none or several). */
    static MailServer.Mail only(String address, String type) {
        List<MailServer.Mail> mails = SMTP.to(address).stream().filter(m -> type.equals(m.notificationType())).toList();
        assertThat(mails).as("mails of type %s to %s", type, address).hasSize(1);
        return mails.get(0);
    }

    long notificationsOf(PublicEvent event) {
        return jdbc.queryForObject("select count(*) from notification where event_id = ?", Long.class, event.eventId());
    }

    String statusOf(PublicEvent event, String type) {
        return jdbc.query("select status from notification where event_id = ? and type = ?",
                rs -> rs.next() ? rs.getString(1) : null, event.eventId(), type);
    }
}
