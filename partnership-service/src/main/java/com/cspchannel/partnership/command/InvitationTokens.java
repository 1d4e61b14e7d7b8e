package com.cspchannel.partnership.command;

import com.cspchannel.partnership.query.InvitationEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitation link tokens: {@code <invitation id>.<256 random bits, base64url>}. The id locates the invitation;
 * the secret proves the link was issued by us. Only the SHA-256 of the secret is stored.
 */
public final class InvitationTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationTokens() {
    }

    /** A token and the hash to store. */
    public record Issued(UUID invitationId, String token, String sha256) {
    }

    /** A presented token, split into the invitation it names and the hash of its secret. */
    public record Presented(UUID invitationId, String sha256) {
    }

    public static Issued issue() {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(id, id.toString().replace("-", "") + "." + encoded, sha256(encoded));
    }

    public static Optional<Presented> parse(String token) {
        if (token == null || !token.matches("[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hex = token.substring(0, 32);
        UUID id = UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        return Optional.of(new Presented(id, sha256(token.substring(33))));
    }

    /**
     * The invitation {@code presented} is the token of, if it can still be used at {@code now}: not used, not
     * revoked, not expired. The hashes are compared in constant time, so the answer's timing tells nothing of the
     * secret (see {@link #issuedWith}).
     */
    public static InvitationEntry invitation(Presented presented, Optional<InvitationEntry> invitation, Instant now) {
        InvitationEntry found = issuedWith(presented, invitation).orElseThrow(PartnershipErrors::invitationInvalid);
        return switch (found.stateAt(now)) {
            case pending -> found;
            case accepted -> throw PartnershipErrors.invitationUsed();
            case revoked -> throw PartnershipErrors.invitationRevoked();
            case expired -> throw PartnershipErrors.invitationExpired();
        };
    }

    /**
     * The invitation {@code presented} is the token of, whatever became of it: a link's holder may learn that it
     * was used, revoked or has expired. The hashes are compared in constant time.
     */
    public static Optional<InvitationEntry> issuedWith(Presented presented, Optional<InvitationEntry> invitation) {
        return invitation.filter(i -> i.tokenSha256() != null && MessageDigest.isEqual(
                i.tokenSha256().getBytes(StandardCharsets.US_ASCII),
                presented.sha256().getBytes(StandardCharsets.US_ASCII)));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
