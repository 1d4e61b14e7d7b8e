package com.cspchannel.notification.delivery;

import com.cspchannel.notification.catalogue.NotificationIntent;
import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.notification.catalogue.Templates;
import com.cspchannel.notification.directory.Directory;
import com.cspchannel.notification.directory.Recipient;
import com.cspchannel.platform.tracing.EventTracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes notifications into the delivery log, in the caller's (the Kafka consumer's) transaction: the outbox the
 * sender delivers from. A notification whose recipient's address is known is written ready to send
 * ({@code pending}, subject and body in the recipient's language); otherwise it waits ({@code pending_address})
 * until the recipient's profile arrives and {@link #recipientKnown} writes it.
 *
 * <p>Why the advisory lock: the profile and the event that notifies may arrive at the same moment on two
 * listener threads. Without serialising them per recipient, one transaction could insert a waiting notification
 * that the other, committing the address concurrently, never sees: it would wait forever.
 */
@Component
public class Notifications {

    public static final String WAITING_FOR_ADDRESS = "waiting for the recipient's contact address: its profile has "
            + "not arrived from csp.partnerships.events yet";
    private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final Templates templates;
    private final NotificationMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventTracing tracing;

    public Notifications(JdbcTemplate jdbc, Directory directory, Templates templates, NotificationMetrics metrics,
                         ObjectMapper json, Clock clock, EventTracing tracing) {
        this.tracing = tracing;
        this.jdbc = jdbc;
        this.directory = directory;
        this.templates = templates;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the notifications an event calls for; one per (event, recipient, type) however often the event is
     * delivered. Must run in the consumer's transaction. Each keeps the trace context of the span it is recorded in
     * (the consumer's), which its mail continues.
     *
     * @return how many were new
     */
    public int create(UUID eventId, String eventType, List<NotificationIntent> intents) {
        intents.stream().map(i -> new RecipientKey(i.recipientKind(), i.recipientTenantId())).distinct()
                .sorted(Comparator.comparing(RecipientKey::sortKey)) // always in one order: no deadlock
                .forEach(this::lock);
        Instant now = clock.instant();
        String traceparent = tracing.current();
        int created = 0;
        for (NotificationIntent intent : intents) {
            UUID id = UUID.randomUUID();
            int inserted = jdbc.update("""
                    insert into notification (id, event_id, event_type, type, recipient_kind, recipient_tenant_id,
                        provider_tenant_id, facts, status, status_reason, created_at, updated_at, traceparent)
                    values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'pending_address', ?, ?, ?, ?)
                    on conflict on constraint notification_once do nothing""",
                    id, eventId, eventType, intent.type().name(), intent.recipientKind().name(),
                    intent.recipientTenantId(), intent.providerTenantId(), write(intent.facts()), WAITING_FOR_ADDRESS,
                    Timestamp.from(now), Timestamp.from(now), traceparent);
            if (inserted == 1) {
                created++;
                metrics.recordedAfterCommit(intent.type());
                directory.recipient(intent.recipientKind(), intent.recipientTenantId()).ifPresent(recipient ->
                        ready(id, intent.type(), intent.facts(), recipient, now));
            }
        }
        return created;
    }

    /** The recipient's address is known now (or changed): writes the notifications that waited for it. */
    public void recipientKnown(RecipientKind kind, UUID tenantId) {
        lock(new RecipientKey(kind, tenantId));
        Recipient recipient = directory.recipient(kind, tenantId).orElseThrow();
        Instant now = clock.instant();
        record Waiting(UUID id, NotificationType type, Map<String, String> facts) {
        }
        jdbc.query("""
                select id, type, facts from notification
                where status = 'pending_address' and recipient_kind = ? and recipient_tenant_id = ?
                order by created_at""",
                (rs, n) -> new Waiting(rs.getObject("id", UUID.class), NotificationType.valueOf(rs.getString("type")),
                        read(rs.getString("facts"))),
                kind.name(), tenantId)
                .forEach(w -> ready(w.id(), w.type(), w.facts(), recipient, now));
    }

    /** Writes the message in the recipient's language and makes it due now. */
    private void ready(UUID id, NotificationType type, Map<String, String> facts, Recipient recipient, Instant now) {
        String language = Templates.languageFor(recipient.language());
        Templates.Message message = templates.render(type, language, recipient.name(), facts, names);
        jdbc.update("""
                update notification set status = 'pending', recipient_email = ?, language = ?, subject = ?, body = ?,
                    next_attempt_at = ?, status_reason = null, updated_at = ?
                where id = ? and status = 'pending_address'""",
                recipient.email(), message.language(), message.subject(), message.body(), Timestamp.from(now),
                Timestamp.from(now), id);
    }

    /** Names from the directory; the id while a name is not known here. */
    private final Templates.Names names = new Templates.Names() {
        @Override
        public String provider(UUID tenantId) {
            return directory.name(RecipientKind.provider, tenantId).orElse(tenantId.toString());
        }

        @Override
        public String reseller(UUID tenantId) {
            return directory.name(RecipientKind.reseller, tenantId).orElse(tenantId.toString());
        }

        @Override
        public String customer(UUID customerId) {
            return directory.customerLabel(customerId).orElse(customerId.toString());
        }

        @Override
        public String subscription(UUID subscriptionId) {
            return directory.subscriptionLabel(subscriptionId).orElse(subscriptionId.toString());
        }
    };

    private void lock(RecipientKey key) {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, key.lockId());
    }

    private String write(Map<String, String> facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read(String facts) {
        try {
            return json.readValue(facts, FACTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record RecipientKey(RecipientKind kind, UUID tenantId) {
        String sortKey() {
            return kind + "/" + tenantId;
        }

        /** A 64-bit advisory lock id; a collision only serialises two unrelated recipients. */
        long lockId() {
            return tenantId.getMostSignificantBits() ^ tenantId.getLeastSignificantBits() ^ kind.ordinal();
        }
    }
}
