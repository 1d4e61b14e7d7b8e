package com.cspchannel.partnership.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Internal event (never published): the SHA-256 of an invitation's secret link token, its expiry, and the
 * reseller it is meant for (null: any enrolled reseller holding the link). The token itself exists only in the
 * provider's answer and the reseller's link.
 */
public record InvitationTokenIssued(UUID invitationId, String tokenSha256, Instant expiresAt,
                                    UUID invitedResellerTenantId) {
}
