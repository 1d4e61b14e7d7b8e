package com.cspchannel.platform.idempotency;

import com.cspchannel.platform.domain.DomainRuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers which resource a client request id created, so that a retried request returns the first outcome
 * instead of acting twice. Call {@link #remember} in the transaction that sends the command (Axon joins it):
 * the key and the events commit together or not at all, and a concurrent retry with the same key fails on the
 * primary key and rolls its own events back.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;

    public IdempotentRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The resource an earlier request with this key created, if any.
     *
     * @throws DomainRuleViolation 422 {@code idempotency-key-reused} when the key was used for another request
     */
    public Optional<String> find(String tenantId, String key, String operation, String requestSha256) {
        return jdbc.query("""
                select operation, request_sha256, resource_id from idempotent_request
                where tenant_id = ? and idempotency_key = ?""", rs -> {
            if (!rs.next()) {
                return Optional.<String>empty();
            }
            if (!rs.getString(1).equals(operation) || !rs.getString(2).equals(requestSha256)) {
                throw DomainRuleViolation.unprocessable("idempotency-key-reused", "This Idempotency-Key was "
                        + "already used for a different request; use a new key for a new request.");
            }
            return Optional.of(rs.getString(3));
        }, tenantId, key);
    }

    public void remember(String tenantId, String key, String operation, String requestSha256, String resourceId) {
        jdbc.update("""
                insert into idempotent_request (tenant_id, idempotency_key, operation, request_sha256, resource_id)
                values (?, ?, ?, ?, ?)""", tenantId, key, operation, requestSha256, resourceId);
    }

    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String body) {
        return sha256(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The client request id of an HTTP request: {@code Idempotency-Key}, else Partner Center's
     * {@code MS-RequestId}; null when neither is sent.
     *
     * @throws DomainRuleViolation 400 when it is blank or longer than 200 characters
     */
    public static String keyOf(String idempotencyKey, String msRequestId) {
        String key = idempotencyKey != null ? idempotencyKey : msRequestId;
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200) {
            throw DomainRuleViolation.invalid("invalid-idempotency-key",
                    "Idempotency-Key (or MS-RequestId) must be 1 to 200 characters.");
        }
        return key;
    }
}
