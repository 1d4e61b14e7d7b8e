package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.StringUtils;

/**
 * The issuer's registration for the page's sign-in, only when {@code csp.sign-in.oidc.client-id} is set. The
 * issuer's metadata is read at the first sign-in, not at start, so that the service starts (and serves the API)
 * while the issuer is away, like the API's token decoder.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${csp.sign-in.oidc.client-id:}' != ''")
class OidcSignInConfiguration {

    @Bean
    ClientRegistrationRepository pageSignInRegistrations(OidcSignInProperties oidc, Environment environment) {
        String issuer = StringUtils.hasText(oidc.issuerUri()) ? oidc.issuerUri()
                : environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("csp.sign-in.oidc.client-id is set without an issuer: set "
                    + "csp.sign-in.oidc.issuer-uri or spring.security.oauth2.resourceserver.jwt.issuer-uri");
        }
        return new SupplierClientRegistrationRepository(() -> {
            ClientRegistration.Builder registration = ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(OidcSignInProperties.REGISTRATION_ID)
                    .clientName(oidc.label())
                    .clientId(oidc.clientId())
                    .scope(oidc.scopes())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
            if (StringUtils.hasText(oidc.clientSecret())) {
                registration.clientSecret(oidc.clientSecret());
            } else {
                registration.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            }
            return new InMemoryClientRegistrationRepository(registration.build());
        });
    }
}
