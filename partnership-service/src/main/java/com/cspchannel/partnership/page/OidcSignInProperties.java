package com.cspchannel.partnership.page;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Production sign-in on the acceptance page: this service as an OAuth2 client of the OpenID Connect issuer that
 * also issues the API's tokens (authorization code with PKCE). Active when {@code clientId} is set.
 *
 * @param clientId     the client registered at the issuer for this page
 * @param clientSecret its secret; empty for a public client (PKCE alone)
 * @param issuerUri    the issuer; empty: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, the API's
 * @param scopes       the scopes asked for; the access token they give must be one the API accepts (tid, roles,
 *                     partner_type, and the configured audience)
 * @param label        the sign-in button's text
 */
@ConfigurationProperties("csp.sign-in.oidc")
public record OidcSignInProperties(String clientId, String clientSecret, String issuerUri,
                                   @DefaultValue("openid") List<String> scopes,
                                   @DefaultValue("Sign in with your organisation's account") String label) {

    /** The registration's id, in the sign-in and redirect paths. */
    public static final String REGISTRATION_ID = "csp";
}
