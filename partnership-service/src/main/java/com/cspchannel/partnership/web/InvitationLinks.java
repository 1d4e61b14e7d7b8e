package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * The personalised link an invitation email carries: by default this service's acceptance page (a person opens
 * it in a browser, see {@code page.InvitationPageController}), or the operator's own portal through
 * {@code csp.partnership.invitation-link-template}. The token is always the last thing substituted, so that a
 * template cannot move it into another host's hands by accident: the template is checked once, at start.
 */
@Component
public class InvitationLinks {

    /** Where the acceptance page is served; the token follows. */
    public static final String PAGE_PATH = "/invitations/";
    static final String TOKEN_PLACEHOLDER = "{token}";

    private final String template;
    private final String publicBaseUrl;

    public InvitationLinks(PartnershipProperties properties) {
        this.publicBaseUrl = StringUtils.hasText(properties.publicBaseUrl())
                ? properties.publicBaseUrl().trim().replaceAll("/+$", "") : null;
        this.template = StringUtils.hasText(properties.invitationLinkTemplate())
                ? checked(properties.invitationLinkTemplate().trim()) : null;
    }

    /** The link for an invitation's token, as the provider's draft email carries it. */
    public String linkFor(String token) {
        if (template != null) {
            return template.replace(TOKEN_PLACEHOLDER, token);
        }
        String base = publicBaseUrl != null ? publicBaseUrl
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return base + PAGE_PATH + token;
    }

    private static String checked(String template) {
        if (!template.contains(TOKEN_PLACEHOLDER)) {
            throw new IllegalStateException("csp.partnership.invitation-link-template must contain "
                    + TOKEN_PLACEHOLDER + " where the invitation's token goes");
        }
        URI sample;
        try {
            sample = URI.create(template.replace(TOKEN_PLACEHOLDER, "token"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("csp.partnership.invitation-link-template is not a URL");
        }
        if (!("https".equals(sample.getScheme()) || "http".equals(sample.getScheme())) || sample.getHost() == null) {
            throw new IllegalStateException("csp.partnership.invitation-link-template must be an absolute http(s) "
                    + "URL, such as https://portal.example.com/partner-invitations/{token}");
        }
        return template;
    }
}
