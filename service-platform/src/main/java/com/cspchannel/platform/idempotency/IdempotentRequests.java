package com.cspchannel.platform.idempotency;

import com.cspchannel.platform.domain.DomainRuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes a write safe to retry: a request with a client request id ({@code Idempotency-Key} or Partner Center's
 * {@code MS-RequestId}) acts once, and every retry answers its first outcome.
 *
 * <p>Call {@link #claim} first in the transaction that sends the command (Axon joins it), and
 * {@link #complete} with the resource the request created before it commits: the key, the events and the
 * views commit together or not at all. A retry that arrives while the first request is still running waits on
 * the key's row (PostgreSQL's {@code insert ... on conflict do nothing} waits for the other transaction), then
 * replays the outcome if the first committed, or runs itself if the first rolled back. So a retry never gets a
 * different error than the first request got, and nothing is done twice.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;

    public IdempotentRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for this request, or answers the resource an earlier request with it created.
     *
     * @return empty when this request owns the key now (it must {@link #complete} it); else the earlier outcome
     * @throws DomainRuleViolation 422 {@code idempotency-key-reused} when the key was used for another request
     */
    public Optional<String> claim(String tenantId, String key, String operation, String requestSha256) {
        int claimed = jdbc.update("""
                insert into idempotent_request (tenant_id, idempotency_key, operation, request_sha256)
                values (?, ?, ?, ?) on conflict do nothing""", tenantId, key, operation, requestSha256);
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.query("""
                select operation, request_sha256, resource_id from idempotent_request
                where tenant_id = ? and idempotency_key = ?""", rs -> {
            rs.next();
            if (!rs.getString(1).equals(operation) || !rs.getString(2).equals(requestSha256)) {
                throw DomainRuleViolation.unprocessable("idempotency-key-reused", "This Idempotency-Key was "
                        + "already used for a different request; use a new key for a new request.");
            }
            String resource = rs.getString(3);
            if (resource == null) {
                throw DomainRuleViolation.conflict("request-in-progress", "A request with this Idempotency-Key "
                        + "is being processed; retry it to get its outcome.");
            }
            return Optional.of(resource);
        }, tenantId, key);
    }

    /** Records what the request that claimed {@code key} created, in its transaction. */
    public void complete(String tenantId, String key, String resourceId) {
        jdbc.update("update idempotent_request set resource_id = ? where tenant_id = ? and idempotency_key = ?",
                resourceId, tenantId, key);
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
