package com.cspchannel.partnership.page;

import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the acceptance page shows for one link: the invitation as its holder may see it (who invites, the CSP
 * region, until when, what became of it), and whether the signed-in person can accept it, or why not. The link's
 * holder sees this without signing in: the link is the secret the provider sent them.
 *
 * @param problem why the invitation cannot be accepted (by this person, or at all); null when it can
 */
public record InvitationPage(String token, String providerName, String cspRegion, Instant expiresAt,
                      InvitationEntry.State state, Notice problem, boolean mayAccept, boolean signInNeeded) {

    /** A message with a stable code, the API's where there is one. */
    public record Notice(String code, String title, String message) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static final Notice NOT_FOUND = new Notice("invitation-not-found", "This invitation link is not valid",
            "Check that you opened the whole link from the invitation email, or ask the provider for a new one.");

    static InvitationPage of(String token, InvitationEntry invitation, ProviderEntry provider,
                             Optional<Caller> signedIn, Instant now) {
        String name = provider.name();
        InvitationEntry.State state = invitation.stateAt(now);
        Notice problem = switch (state) {
            case accepted -> new Notice("invitation-used", "This invitation was already used",
                    signedIn.filter(c -> c.tenantId() != null && c.tenantId().equals(invitation.usedByResellerTenantId()))
                            .map(c -> "Your organisation accepted it on " + when(invitation.closedAt()) + ": " + name
                                    + " is in your list of providers. An invitation can be used once.")
                            .orElse("An invitation can be used once, and this one was. If your organisation has not "
                                    + "partnered with " + name + " yet, ask " + name + " for a new invitation."));
            case expired -> new Notice("invitation-expired", "This invitation has expired",
                    "It could be accepted until " + when(invitation.expiresAt()) + ". Ask " + name
                            + " for a new invitation.");
            case revoked -> new Notice("invitation-revoked", "This invitation was withdrawn",
                    name + " withdrew this invitation. Ask " + name + " for a new one if you want to partner.");
            case pending -> signedIn.map(caller -> whyNot(caller, invitation, name)).orElse(null);
        };
        boolean pending = state == InvitationEntry.State.pending;
        return new InvitationPage(token, name, provider.cspRegion(), invitation.expiresAt(), state, problem,
                pending && signedIn.isPresent() && problem == null, pending && signedIn.isEmpty());
    }

    /** Why this signed-in person may not accept a pending invitation; null when they may. */
    private static Notice whyNot(Caller caller, InvitationEntry invitation, String providerName) {
        if (!caller.isReseller()) {
            return new Notice("reseller-required", "Sign in as the reseller to accept",
                    "You are signed in as a provider user. Only the Global admin of the invited reseller can accept: "
                            + "sign out, then sign in with your reseller organisation's account.");
        }
        if (invitation.invitedResellerTenantId() != null
                && !invitation.invitedResellerTenantId().equals(caller.tenantId())) {
            return new Notice("invitation-for-another-organisation", "This invitation is for another organisation",
                    providerName + " sent it to another reseller than the one you are signed in for. Sign in with "
                            + "the organisation it was sent to, or ask " + providerName
                            + " for an invitation for yours.");
        }
        if (!caller.hasAnyRole(Role.GlobalAdmin)) {
            return new Notice("global-admin-required", "Only your organisation's Global admin can accept",
                    "You are signed in as " + caller.roles().stream().map(Role::name).sorted()
                            .collect(Collectors.joining(", ")) + ". Ask your Global admin to open this link and "
                            + "accept.");
        }
        return null;
    }

    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** The expiry for people; the page also gives it machine-readable in a {@code <time>} element. */
    public String expiresAtText() {
        return when(expiresAt);
    }

    public String stateText() {
        return switch (state) {
            case pending -> "Waiting for your acceptance";
            case accepted -> "Accepted";
            case expired -> "Expired";
            case revoked -> "Withdrawn by " + providerName;
        };
    }
}
