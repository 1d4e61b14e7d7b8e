package com.cspchannel.platform.idempotency;

import com.cspchannel.platform.web.PlatformProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;

/**
 * The client request id of a write: {@code Idempotency-Key}, else Partner Center's {@code MS-RequestId}.
 * A controller method takes it as a parameter (resolved from the headers, and documented in the API document
 * as those two headers) and hands it to {@link IdempotentRequests#once}.
 *
 * @param key null when the client sent neither header
 */
public record ClientRequest(String key) {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String MS_REQUEST_ID = "MS-RequestId";
    /** Answer header: {@code true} when the answer replays an earlier request's outcome. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final ClientRequest NONE = new ClientRequest(null);

    /**
     * @throws DomainRuleViolation 400 {@code invalid-idempotency-key} when the id is blank or longer than 200
     *                             characters, or when both headers are sent with different values
     */
    public static ClientRequest of(String idempotencyKey, String msRequestId) {
        if (idempotencyKey != null && msRequestId != null && !idempotencyKey.equals(msRequestId)) {
            throw new DomainRuleViolation(PlatformProblem.INVALID_IDEMPOTENCY_KEY,
                    "Send Idempotency-Key or MS-RequestId, or both with the same value.");
        }
        String key = idempotencyKey != null ? idempotencyKey : msRequestId;
        if (key == null) {
            return NONE;
        }
        if (key.isBlank() || key.length() > 200) {
            throw new DomainRuleViolation(PlatformProblem.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key (or MS-RequestId) must be 1 to 200 characters.");
        }
        return new ClientRequest(key);
    }

    public boolean present() {
        return key != null;
    }
}
