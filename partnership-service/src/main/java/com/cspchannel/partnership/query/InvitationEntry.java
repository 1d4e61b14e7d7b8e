package com.cspchannel.partnership.query;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation as the query side holds it: who issued it, for whom, until when it is valid, what became of
 * it, and the SHA-256 of its link token (never the token).
 *
 * @param invitedResellerTenantId the one reseller that may use it, or null for any enrolled reseller with the link
 * @param usedByResellerTenantId  the reseller that accepted with it, once it was used
 * @param closedAt                when it was used or revoked
 */
public record InvitationEntry(UUID invitationId, UUID providerTenantId, String issuedBy, Instant issuedAt,
                              Instant expiresAt, String tokenSha256, String resellerEmail,
                              UUID invitedResellerTenantId, State state, UUID usedByResellerTenantId,
                              Instant closedAt) {

    /** What became of an invitation; {@code expired} is a pending one past its expiry. */
    public enum State { pending, accepted, expired, revoked }

    /** The state at {@code now}. */
    public State stateAt(Instant now) {
        return state == State.pending && !now.isBefore(expiresAt) ? State.expired : state;
    }
}
