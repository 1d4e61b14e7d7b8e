package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The draft email a provider sends to a reseller: subject, body with the personalised link, and a ready
 * {@code mailto:} URL. The provider may supply its own subject and body; the body must keep the link (write
 * {@value #LINK_PLACEHOLDER} where it goes). A retry with the same client request id answers the invitation
 * without the draft: the link is shown once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvitationDraft(UUID invitationId, String subject, String body, String link, String mailtoUrl,
                       Instant expiresAt) {

    static final String LINK_PLACEHOLDER = "{link}";

    static InvitationDraft compose(UUID invitationId, String providerName, String link, String resellerEmail,
                                   String customSubject, String customBody, Instant expiresAt) {
        String subject = customSubject != null && !customSubject.isBlank() ? customSubject
                : "Partnership request from " + providerName + ", your indirect provider for Microsoft CSP";
        String body;
        if (customBody != null && !customBody.isBlank()) {
            requireLinkPlaceholder(customBody);
            body = customBody.replace(LINK_PLACEHOLDER, link);
        } else {
            body = """
                    Hello,

                    %s would like to work with you as your indirect provider in the Microsoft Cloud Solution \
                    Provider program. Once you accept, we can add customers on your behalf, order for your \
                    customers, name you reseller of record and designate you as support contact.

                    To accept, sign in as your organisation's Global admin and follow this link:
                    %s

                    The link is personal to this request and expires on %s.

                    Kind regards,
                    %s""".formatted(providerName, link, expiresAt, providerName);
        }
        String mailto = "mailto:" + (resellerEmail == null ? "" : encode(resellerEmail).replace("%40", "@"))
                + "?subject=" + encode(subject) + "&body=" + encode(body);
        return new InvitationDraft(invitationId, subject, body, link, mailto, expiresAt);
    }

    static InvitationDraft withoutLink(UUID invitationId, Instant expiresAt) {
        return new InvitationDraft(invitationId, null, null, null, null, expiresAt);
    }

    /** Checked before the invitation is issued, so that a refused draft changes nothing. */
    static void requireLinkPlaceholder(String customBody) {
        if (customBody != null && !customBody.isBlank() && !customBody.contains(LINK_PLACEHOLDER)) {
            throw new DomainRuleViolation(PartnershipProblem.INVITATION_LINK_MISSING,
                    "The invitation body must keep the personalised link: write " + LINK_PLACEHOLDER
                            + " where it belongs.");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
