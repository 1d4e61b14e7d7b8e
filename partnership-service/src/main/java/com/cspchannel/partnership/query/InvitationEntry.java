package com.cspchannel.partnership.query;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation as the query side holds it: who issued it, until when it is valid, and the SHA-256 of its link
 * token (never the token).
 */
public record InvitationEntry(UUID invitationId, UUID providerTenantId, String issuedBy, Instant issuedAt,
                              Instant expiresAt, String tokenSha256) {
}
