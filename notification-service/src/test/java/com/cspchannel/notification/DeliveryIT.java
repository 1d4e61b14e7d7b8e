package com.cspchannel.notification;

import com.cspchannel.infra.MailServer;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.platform.consumer.DeadLetters;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery as it goes wrong in practice: events delivered more than once, an SMTP server that is away for a
 * while, an event that arrives before the address it needs, an address that cannot be delivered to, and a record
 * on a topic that is not an event at all.
 */
class DeliveryIT extends NotificationIntegrationTest {

    @Value("${csp.notification.max-backoff}")
    Duration maxBackoff;

    @Test
    void anEventDeliveredThreeTimesSendsOneMail() {
        World world = world();
        publish(profiles(world).toArray(PublicEvent[]::new));
        PartnershipAccepted accepted = accepted(world, world.reseller());
        publish(3, accepted);
        awaitSettled(accepted);
        // a later event of the same provider is consumed after the copies: nothing of them is still on its way
        PartnershipAccepted later = accepted(world, world.other());
        publish(later);
        awaitSettled(later);

        // the mails the SMTP server received are the proof: the unique key only guards the delivery log's rows,
        // not what the sender does with them
        UUID notification = jdbc.queryForObject("select id from notification where event_id = ?", UUID.class,
                accepted.eventId());
        assertThat(SMTP.to(world.providerEmail()))
                .filteredOn(mail -> mail.subject().startsWith("Fabrikam " + world.tag() + " "))
                .as("mails for the event delivered three times")
                .extracting(MailServer.Mail::notificationId).containsExactly(notification.toString());
        assertThat(SMTP.to(world.providerEmail())).extracting(MailServer.Mail::subject).containsExactlyInAnyOrder(
                "Fabrikam " + world.tag() + " accepted your partnership invitation",
                "Tailspin " + world.tag() + " accepted your partnership invitation");
    }

    @Test
    void anSmtpOutageDelaysDeliveryAndThenDeliversEveryNotificationOnce() {
        World world = world();
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));
        SMTP.stop();
        try {
            PublicEvent[] events = {accepted(world, world.reseller()), accepted(world, world.other()),
                    rejected(world, "800039")};
            publish(events);
            awaitConsumed(events);
            // the server is away: every notification stays pending, with more than one failed attempt and why
            await().atMost(WAIT).until(() -> jdbc.queryForObject("""
                    select count(*) from notification where provider_tenant_id = ? and status = 'pending'
                        and attempts >= 2 and status_reason like '%SMTP server unreachable%'""", Long.class,
                    world.provider()) == 3);
            var log = api.get("/api/v1/notifications?status=pending", world.providerAdmin());
            assertThat(log.body().get("totalCount").asInt()).isEqualTo(3);
            JsonNode first = log.body().get("items").get(0);
            assertThat(first.get("statusReason").asText()).contains("failed, next attempt at")
                    .contains("Connection refused");
            assertThat(first.get("nextAttemptAt")).isNotNull();
            assertThat(SMTP.to(world.providerEmail())).isEmpty();
        } finally {
            SMTP.start();
        }
        await().atMost(WAIT).until(() -> SMTP.to(world.providerEmail()).size() >= 3);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from notification where provider_tenant_id = ? and status = 'sent'", Long.class,
                world.provider()) == 3);
        assertThat(SMTP.to(world.providerEmail())).extracting(MailServer.Mail::notificationType)
                .containsExactlyInAnyOrder("partnership_accepted", "partnership_accepted", "order_rejected");
        assertThat(SMTP.to(world.providerEmail())).extracting(MailServer.Mail::notificationId).doesNotHaveDuplicates();
    }

    @Test
    void aNotificationAnotherInstanceIsSendingIsLeftToItAndTakenOverTheMomentThatInstanceDies() throws Exception {
        World world = world();
        UUID notification = readyNotification(world, Instant.now().plus(Duration.ofHours(1)));
        // a connection of its own, as another instance has, outside this service's pool
        HikariDataSource pool = (HikariDataSource) jdbc.getDataSource();
        Connection otherInstance = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword());
        try {
            // Another instance busy with this notification holds its row lock. A key-share lock stands in for the
            // sender's own: it conflicts with the claim (for update skip locked) and still lets the row be made due.
            otherInstance.setAutoCommit(false);
            try (var lock = otherInstance.prepareStatement("select id from notification where id = ? for key share")) {
                lock.setObject(1, notification);
                lock.executeQuery().close();
            }
            jdbc.update("update notification set next_attempt_at = now() where id = ?", notification);
            await("no mail while the other instance holds it").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3)).until(() -> mailsOf(notification) == 0);

            // its process dies: PostgreSQL ends its session, and with it the lock
            int pid;
            try (var backend = otherInstance.createStatement().executeQuery("select pg_backend_pid()")) {
                backend.next();
                pid = backend.getInt(1);
            }
            jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, pid);
        } finally {
            try {
                otherInstance.close();
            } catch (SQLException terminated) {
                // its session is gone already
            }
        }
        // taken over at the next poll, not after a lease
        await("mailed by the survivor").atMost(Duration.ofSeconds(5)).until(() -> mailsOf(notification) == 1);
        await().atMost(WAIT).until(() -> "sent".equals(jdbc.queryForObject(
                "select status from notification where id = ?", String.class, notification)));
        assertThat(mailsOf(notification)).isEqualTo(1);
    }

    @Test
    void aNotificationWhoseSenderDiedDuringTheSmtpExchangeIsRecordedAsUncertainAndNotMailedAgain() {
        World world = world();
        UUID notification = UUID.randomUUID();
        // what a sender leaves behind when it dies after it handed the message to the SMTP server
        Instant started = Instant.now().minusSeconds(1);
        jdbc.update("insert into notification_send_attempt (notification_id, started_at) values (?, ?)",
                notification, Timestamp.from(started));
        readyNotification(world, notification, Instant.now());

        await().atMost(WAIT).until(() -> "uncertain".equals(jdbc.queryForObject(
                "select status from notification where id = ?", String.class, notification)));
        JsonNode entry = api.get("/api/v1/notifications/" + notification, world.providerAdmin()).body();
        assertThat(entry.get("status").asText()).isEqualTo("uncertain");
        assertThat(entry.get("statusReason").asText()).contains("the sender stopped during the SMTP exchange")
                .contains("may or may not have accepted the message");
        assertThat(api.get("/api/v1/notifications?status=uncertain", world.providerAdmin()).body()
                .get("totalCount").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification_send_attempt where notification_id = ?",
                Long.class, notification)).isZero();
        // a later notification to the same address is mailed: the uncertain one had its turn and was not sent
        UUID later = readyNotification(world, Instant.now());
        await().atMost(WAIT).until(() -> mailsOf(later) == 1);
        assertThat(mailsOf(notification)).isZero();
        assertThat(api.get("/actuator/prometheus", null).raw())
                .containsPattern("csp_notifications_uncertain_total\\{[^}]*type=\"partnership_accepted\"[^}]*} [1-9]");
    }

    /** A notification to the world's provider, written and due at {@code due}, as the consumer leaves one. */
    private UUID readyNotification(World world, Instant due) {
        return readyNotification(world, UUID.randomUUID(), due);
    }

    private UUID readyNotification(World world, UUID id, Instant due) {
        jdbc.update("""
                insert into notification (id, event_id, event_type, type, recipient_kind, recipient_tenant_id,
                    provider_tenant_id, facts, status, recipient_email, language, subject, body, next_attempt_at,
                    created_at, updated_at)
                values (?, ?, 'partnership.PartnershipAccepted.v1', 'partnership_accepted', 'provider', ?, ?, '{}',
                    'pending', ?, 'en', ?, 'Hello', ?, now(), now())""",
                id, UUID.randomUUID(), world.provider(), world.provider(), world.providerEmail(),
                "Fabrikam " + world.tag() + " accepted your partnership invitation", Timestamp.from(due));
        return id;
    }

    private long mailsOf(UUID notification) {
        return SMTP.all().stream().filter(mail -> notification.toString().equals(mail.notificationId())).count();
    }

    @Test
    void aPartnershipAcceptedBeforeTheProviderProfileWaitsForTheAddressThenIsDeliveredInTheProvidersLanguage() {
        World world = world();
        ResellerEnrolled reseller = (ResellerEnrolled) profiles(world).get(1);
        PartnershipAccepted accepted = accepted(world, world.reseller());
        publish(reseller, accepted);
        awaitConsumed(reseller, accepted);
        assertThat(statusOf(accepted, "partnership_accepted")).isEqualTo("pending_address");
        var waiting = api.get("/api/v1/notifications", world.providerAdmin());
        assertThat(waiting.body().get("items").get(0).get("status").asText()).isEqualTo("pending_address");
        assertThat(waiting.body().get("items").get(0).get("statusReason").asText())
                .contains("waiting for the recipient's contact address");

        ProviderProfileRegistered profile = providerProfile(world, "de-DE");
        publish(profile);
        awaitSettled(accepted, profile);
        assertThat(SMTP.to(world.providerEmail())).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Fabrikam " + world.tag()
                    + " hat Ihre Partnerschaftseinladung angenommen");
            assertThat(mail.body()).startsWith("Guten Tag Contoso " + world.tag() + ",");
            assertThat(mail.language()).isEqualTo("de");
        });
    }

    @Test
    void anAddressThatCannotBeDeliveredToIsRecordedAsFailedAndNotRetried() {
        World world = world();
        ProviderProfileRegistered broken = new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(),
                world.provider(), "Contoso " + world.tag(), "contoso.example", "Europe", "4" + world.tag(), null);
        OrderRejected rejected = rejected(world, "3000");
        publish(broken, rejected);
        awaitSettled(broken, rejected);

        assertThat(statusOf(rejected, "order_rejected")).isEqualTo("failed");
        var log = api.get("/api/v1/notifications?status=failed", world.providerAdmin());
        JsonNode entry = log.body().get("items").get(0);
        assertThat(entry.get("statusReason").asText()).startsWith("permanent failure: invalid message or address");
        assertThat(entry.get("attempts").asInt()).isEqualTo(1);

        // Not retried, shown without a fixed wait: a later notification has been delivered that became due after
        // the failed one would have been due again had it been retried (its backoff is at most
        // csp.notification.max-backoff). A poll claims due rows oldest first, so the poll that sent the later one
        // would have attempted the retry too, if not an earlier poll.
        Instant retryDueAtTheLatest = jdbc.queryForObject("select updated_at from notification where event_id = ?",
                Timestamp.class, rejected.eventId()).toInstant().plus(maxBackoff);
        publish(profiles(world).get(1)); // the German-speaking reseller's profile, with a working address
        await().atMost(WAIT).until(() -> {
            // to the reseller, whose address works: the provider's cannot be delivered to
            CustomerCreated marker = customerFor(world, world.reseller(), UUID.randomUUID(),
                    "billing-" + world.tag() + "@wingtip.example");
            publish(marker);
            awaitSettled(marker);
            return jdbc.queryForObject("select created_at from notification where event_id = ?", Timestamp.class,
                    marker.eventId()).toInstant().isAfter(retryDueAtTheLatest);
        });
        assertThat(jdbc.queryForObject("select attempts from notification where event_id = ?", Integer.class,
                rejected.eventId())).isEqualTo(1);
        assertThat(statusOf(rejected, "order_rejected")).isEqualTo("failed");
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicAndLaterEventsAreStillNotified() {
        World world = world();
        String badKey = "not-an-event-" + world.tag();
        try (KafkaProducer<String, byte[]> producer = TestEvents.producer()) {
            producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, badKey, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        publish(profiles(world).toArray(PublicEvent[]::new));
        OrderRejected rejected = rejected(world, "2204");
        publish(rejected);
        awaitSettled(rejected);
        assertThat(SMTP.to(world.providerEmail())).hasSize(1);

        List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     SharedInfrastructure.plainConsumer(SharedInfrastructure.kafkaBootstrapServers())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.SUBSCRIPTIONS, "notification-service")));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
                return deadLetters.stream().anyMatch(r -> badKey.equals(r.key()));
            });
        }
        ConsumerRecord<String, byte[]> dead = deadLetters.stream().filter(r -> badKey.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("missing header ce_specversion");
    }

    private OrderRejected rejected(World world, String code) {
        return new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                world.provider(), List.of(new RejectionReason("lineItems[0].partnerIdOnRecord", code, "refused")),
                "system");
    }
}
