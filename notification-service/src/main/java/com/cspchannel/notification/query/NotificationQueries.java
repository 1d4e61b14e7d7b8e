package com.cspchannel.notification.query;

import com.cspchannel.notification.catalogue.NotificationType;
import com.cspchannel.notification.catalogue.RecipientKind;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the delivery log, always scoped to one recipient tenant: a caller sees the notifications sent to it. */
@Component
public class NotificationQueries {

    /** Whose notifications: the recipient's kind (provider or reseller) and tenant. */
    public record Scope(RecipientKind kind, UUID tenantId) {
    }

    /** Optional filters; null means any. {@code recipient} is an email address (case does not matter). */
    public record Filter(String recipient, NotificationType type, NotificationStatus status) {
    }

    private static final RowMapper<NotificationEntry> MAPPER = (rs, n) -> new NotificationEntry(
            rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
            NotificationType.valueOf(rs.getString("type")), RecipientKind.valueOf(rs.getString("recipient_kind")),
            rs.getObject("recipient_tenant_id", UUID.class), rs.getString("recipient_email"), rs.getString("language"),
            rs.getObject("provider_tenant_id", UUID.class), NotificationStatus.valueOf(rs.getString("status")),
            rs.getString("status_reason"), rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at")),
            instant(rs.getTimestamp("sent_at")));

    private final JdbcTemplate jdbc;

    public NotificationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<NotificationEntry> find(UUID id, Scope scope) {
        return jdbc.query("select * from notification where id = ? and recipient_kind = ? and recipient_tenant_id = ?",
                MAPPER, id, scope.kind().name(), scope.tenantId()).stream().findFirst();
    }

    /** Newest first. */
    public Page<NotificationEntry> list(Scope scope, Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>(List.of(scope.kind().name(), scope.tenantId()));
        StringBuilder where = new StringBuilder(" where recipient_kind = ? and recipient_tenant_id = ?");
        if (filter.recipient() != null && !filter.recipient().isBlank()) {
            where.append(" and lower(recipient_email) = lower(?)");
            args.add(filter.recipient().strip());
        }
        if (filter.type() != null) {
            where.append(" and type = ?");
            args.add(filter.type().name());
        }
        if (filter.status() != null) {
            where.append(" and status = ?");
            args.add(filter.status().name());
        }
        return PageQuery.read(jdbc, "select * from notification" + where, args, "created_at desc, id", MAPPER, page,
                size);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
