package com.cspchannel.partnership.command;

import java.time.Instant;
import java.util.UUID;

/** Internal event: a reseller used the invitation to accept the partnership; the link works no more. */
public record InvitationRedeemed(UUID invitationId, UUID resellerTenantId, String redeemedBy, Instant at) {
}
