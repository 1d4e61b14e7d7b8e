package com.cspchannel.platform.idempotency;

import com.cspchannel.platform.web.PlatformProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes a write safe to retry: a request with a client request id ({@code Idempotency-Key} or Partner Center's
 * {@code MS-RequestId}) acts once, and every retry answers its first outcome.
 *
 * <p>{@link #once} runs in the transaction that sends the command (Axon joins it): it claims the key first, and
 * records the resource the request created before it commits, so the key, the events and the views commit
 * together or not at all. A retry that arrives while the first request is still running waits on
 * the key's row (PostgreSQL's {@code insert ... on conflict do nothing} waits for the other transaction), then
 * replays the outcome if the first committed, or runs itself if the first rolled back. So a retry never gets a
 * different error than the first request got, and nothing is done twice.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IdempotentRequests(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a write answers: its result, and whether it replays an earlier request's. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    /**
     * Runs {@code act} once per client request id; must be called in the transaction of the write.
     *
     * @param tenant     whose key space the id is in (two tenants may use the same id)
     * @param operation  what is done to what, e.g. {@code "customer.reset-password:<id>"}: the same id sent for
     *                   another operation or target is refused, not replayed
     * @param body       the request body (or null), compared by its SHA-256 with the first request's
     * @param resourceOf the id of what {@code act} created or changed, recorded with the key
     * @param replay     the answer to a retry, from that id
     * @throws DomainRuleViolation 422 {@code idempotency-key-reused} or 409 {@code request-in-progress}, see
     *                             {@link #claim}
     */
    public <T> Outcome<T> once(UUID tenant, ClientRequest request, String operation, Object body, Supplier<T> act,
                               Function<T, ?> resourceOf, Function<String, T> replay) {
        if (!request.present()) {
            return new Outcome<>(act.get(), false);
        }
        Optional<String> earlier = claim(tenant.toString(), request.key(), operation, sha256(body));
        if (earlier.isPresent()) {
            return new Outcome<>(replay.apply(earlier.get()), true);
        }
        T value = act.get();
        complete(tenant.toString(), request.key(), String.valueOf(resourceOf.apply(value)));
        return new Outcome<>(value, false);
    }

    /**
     * Claims {@code key} for this request, or answers the resource an earlier request with it created.
     *
     * @return empty when this request owns the key now (it must {@link #complete} it); else the earlier outcome
     * @throws DomainRuleViolation 422 {@code idempotency-key-reused} when the key was used for another request;
     *                             409 {@code request-in-progress} when that request has not completed
     */
    Optional<String> claim(String tenantId, String key, String operation, String requestSha256) {
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
                throw new DomainRuleViolation(PlatformProblem.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was "
                        + "already used for a different request; use a new key for a new request.");
            }
            String resource = rs.getString(3);
            if (resource == null) {
                throw new DomainRuleViolation(PlatformProblem.REQUEST_IN_PROGRESS, "A request with this "
                        + "Idempotency-Key is being processed; retry it to get its outcome.");
            }
            return Optional.of(resource);
        }, tenantId, key);
    }

    /** Records what the request that claimed {@code key} created, in its transaction. */
    void complete(String tenantId, String key, String resourceId) {
        jdbc.update("update idempotent_request set resource_id = ? where tenant_id = ? and idempotency_key = ?",
                resourceId, tenantId, key);
    }

    private String sha256(Object body) {
        try {
            return sha256(body == null ? new byte[0] : json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
