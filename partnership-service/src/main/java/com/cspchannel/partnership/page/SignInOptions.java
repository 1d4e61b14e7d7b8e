package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.cspchannel.platform.security.CspSecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * How a person signs in on the acceptance page: with the OpenID Connect issuer when a client is registered
 * (production), and with the development sign-in exactly when the API accepts development tokens (the dev
 * secret is set and no issuer is), so that it can never be on where the API verifies real tokens.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
public class SignInOptions {

    /** One issuer to sign in with: its registration id and the button's text. */
    public record Issuer(String registrationId, String label) {
    }

    private final boolean development;
    private final List<Issuer> issuers = new ArrayList<>();
    private final ClientRegistrationRepository registrations;

    SignInOptions(CspSecurityProperties csp, OAuth2ResourceServerProperties resourceServer,
                  ObjectProvider<ClientRegistrationRepository> registrations, OidcSignInProperties oidc) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        this.development = StringUtils.hasText(csp.devSecret()) && !StringUtils.hasText(jwt.getIssuerUri())
                && !StringUtils.hasText(jwt.getJwkSetUri());
        this.registrations = registrations.getIfAvailable();
        if (this.registrations instanceof InMemoryClientRegistrationRepository configured) {
            // registrations from spring.security.oauth2.client.*: their names are known without the network
            configured.forEach(r -> issuers.add(new Issuer(r.getRegistrationId(), r.getClientName())));
        } else if (this.registrations != null) {
            issuers.add(new Issuer(OidcSignInProperties.REGISTRATION_ID, oidc.label()));
        }
    }

    /** The development sign-in: pick a tenant and role, get a development token for the session. */
    public boolean development() {
        return development;
    }

    public List<Issuer> issuers() {
        return List.copyOf(issuers);
    }

    /** The registrations oauth2Login needs; null when no issuer is configured for the page. */
    ClientRegistrationRepository registrations() {
        return registrations;
    }
}
