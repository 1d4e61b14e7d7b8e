package com.cspchannel.partnership.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Internal event: the invitation was withdrawn before it was used (by the provider, by a re-send, or because
 * the partnership with its invited reseller was removed); the link works no more.
 */
public record InvitationRevoked(UUID invitationId, String revokedBy, String reason, Instant at) {
}
