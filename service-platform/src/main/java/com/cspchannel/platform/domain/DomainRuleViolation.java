package com.cspchannel.platform.domain;

import java.util.List;
import java.util.Map;

/**
 * A request broke a business rule. Aggregates and application services throw it; the web layer turns it
 * into problem details with the stable {@code code} (a Partner Center code where one exists) and the HTTP
 * status of its {@link Kind}. Nothing was changed.
 */
public class DomainRuleViolation extends RuntimeException {

    /** How the rule was broken, which decides the HTTP status. */
    public enum Kind {
        /** 400: the request itself is malformed. */
        INVALID(400),
        /** 403: the caller may not do this. */
        FORBIDDEN(403),
        /** 404: what the request names does not exist (for this caller). */
        NOT_FOUND(404),
        /** 409: the request conflicts with the current state. */
        CONFLICT(409),
        /** 412: the caller's version (If-Match) is not the current one. */
        PRECONDITION_FAILED(412),
        /** 422: well-formed, but a business rule refuses it. */
        UNPROCESSABLE(422),
        /** 503: not now; the same request may succeed when retried shortly ({@code Retry-After}). */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status a violation of this kind is answered with. */
        public int status() {
            return status;
        }

        /** The kind answered with {@code status}. */
        public static Kind of(int status) {
            for (Kind kind : values()) {
                if (kind.status == status) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No rule violation is answered with HTTP status " + status);
        }
    }

    /** One failed check, for requests that report every error at once. */
    public record Violation(String field, String code, String message) {
    }

    private final Kind kind;
    private final String code;
    private final transient List<Violation> violations;
    private final transient Map<String, Object> properties;

    /** A violation of the rule whose stable code is {@code problem}, answered with its status. */
    public DomainRuleViolation(ProblemCode problem, String message) {
        this(Kind.of(problem.status()), problem.code(), message);
    }

    public DomainRuleViolation(ProblemCode problem, String message, List<Violation> violations,
                               Map<String, Object> properties) {
        this(Kind.of(problem.status()), problem.code(), message, violations, properties);
    }

    public DomainRuleViolation(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), Map.of());
    }

    public DomainRuleViolation(Kind kind, String code, String message, List<Violation> violations,
                               Map<String, Object> properties) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static DomainRuleViolation notFound(String code, String message) {
        return new DomainRuleViolation(Kind.NOT_FOUND, code, message);
    }

    public static DomainRuleViolation conflict(String code, String message) {
        return new DomainRuleViolation(Kind.CONFLICT, code, message);
    }

    public static DomainRuleViolation unprocessable(String code, String message) {
        return new DomainRuleViolation(Kind.UNPROCESSABLE, code, message);
    }

    public static DomainRuleViolation invalid(String code, String message) {
        return new DomainRuleViolation(Kind.INVALID, code, message);
    }
}
