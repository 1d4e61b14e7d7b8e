package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.ProblemCode;

/**
 * The problem codes the platform answers itself, for every service: malformed requests, security, retries,
 * concurrency, overload. The API documents list them on each operation whose signature can lead to them
 * ({@link ProblemResponses}).
 */
public enum PlatformProblem implements ProblemCode {
    /** Field problems of a body, a query parameter or a constraint, listed in {@code errors[]}. */
    INVALID_REQUEST(400, "invalid-request"),
    /** A body that is not JSON, or has a key twice. */
    MALFORMED_REQUEST(400, "malformed-request"),
    /** A path or query parameter of the wrong type or with control characters. */
    INVALID_PARAMETER(400, "invalid-parameter"),
    MISSING_HEADER(400, "missing-header"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid-idempotency-key"),
    INVALID_CONSISTENCY_TOKEN(400, "invalid-consistency-token"),
    /** Refused before any controller: an encoded slash, a semicolon or a NUL in the path, oversized headers. */
    REJECTED_REQUEST(400, "rejected-request"),
    BAD_REQUEST(400, "bad-request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    /** Someone else changed or created the same resource at the same time, and no If-Match was sent. */
    CONCURRENT_CHANGE(409, "concurrent-change"),
    /** A request with the same Idempotency-Key is still running. */
    REQUEST_IN_PROGRESS(409, "request-in-progress"),
    /** An If-Match that is not the current ETag. */
    ETAG_MISMATCH(412, "etag-mismatch"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large"),
    URI_TOO_LONG(414, "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    /** The same Idempotency-Key with another request. */
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused"),
    HEADERS_TOO_LARGE(431, "headers-too-large"),
    INTERNAL_ERROR(500, "internal-error"),
    /** This service has not yet applied what the CSP-Consistency-Token names. */
    CONSISTENCY_TIMEOUT(503, "consistency-timeout"),
    /** The replica is at its limit of requests in progress; nothing was done. */
    OVERLOADED(503, "overloaded"),
    /** The service's database is away. */
    SERVICE_UNAVAILABLE(503, "service-unavailable");

    private final int status;
    private final String code;

    PlatformProblem(int status, String code) {
        this.status = status;
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    /** The code of an error that has none of its own, named after its HTTP status; empty for other statuses. */
    public static java.util.Optional<PlatformProblem> ofStatus(int status) {
        return java.util.Optional.ofNullable(switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 500 -> INTERNAL_ERROR;
            default -> null;
        });
    }
}
