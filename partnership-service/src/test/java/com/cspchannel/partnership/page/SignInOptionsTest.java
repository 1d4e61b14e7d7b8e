package com.cspchannel.partnership.page;

import com.cspchannel.platform.security.CspSecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The development sign-in is offered exactly where the API takes development tokens, never beside an issuer. */
class SignInOptionsTest {

    private static final String DEV_SECRET = "a-development-secret-of-at-least-32-bytes";

    private static SignInOptions options(String devSecret, String issuerUri, String jwkSetUri) {
        OAuth2ResourceServerProperties resourceServer = new OAuth2ResourceServerProperties();
        resourceServer.getJwt().setIssuerUri(issuerUri);
        resourceServer.getJwt().setJwkSetUri(jwkSetUri);
        return new SignInOptions(new CspSecurityProperties(devSecret, "csp-channel-dev", null), resourceServer,
                new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class),
                new OidcSignInProperties(null, null, null, List.of("openid"), "Sign in"));
    }

    @Test
    void theDevelopmentSignInIsOnWithTheDevSecretAndNoIssuer() {
        assertThat(options(DEV_SECRET, null, null).development()).isTrue();
    }

    @Test
    void theDevelopmentSignInIsOffWhereTokensAreVerifiedWithAnIssuerEvenIfTheDevSecretIsSet() {
        assertThat(options(DEV_SECRET, "https://login.example.com/tenant/v2.0", null).development()).isFalse();
        assertThat(options(DEV_SECRET, null, "https://login.example.com/keys").development()).isFalse();
        assertThat(options(null, "https://login.example.com/tenant/v2.0", null).development()).isFalse();
        assertThat(options("  ", null, null).development()).isFalse();
    }

    @Test
    void withoutAClientRegistrationNoIssuerIsOffered() {
        assertThat(options(DEV_SECRET, null, null).issuers()).isEmpty();
    }
}
