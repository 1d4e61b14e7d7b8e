package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.cspchannel.partnership.command.InvitationTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The browser pages' security: a session-based sign-in for the page paths only, in a chain ordered before the
 * API's stateless bearer-token chain (which keeps every other path). Forms carry CSRF tokens; nothing is loaded
 * from another host, referred to one (the link's token is in the URL) or cached. The pages exist only where the
 * service serves HTTP: without a web server (a relay-only process) none of their beans is made.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcSignInProperties.class)
class PageSecurityConfiguration {

    /** The paths this chain owns: the pages, their style sheet, sign-in and out, and the issuer's callback. */
    static final String[] PAGE_PATHS = {"/invitations/**", SignInController.PATH, "/sign-out", "/pages/**",
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/**",
            "/login/oauth2/code/**"};
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain invitationPagesSecurityFilterChain(HttpSecurity http, SignInOptions options,
                                                          SignedInUsers users, JwtDecoder decoder) throws Exception {
        http.securityMatcher(PAGE_PATHS)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/invitations/*/sign-in").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SignInController.PATH))
                        .accessDeniedHandler((request, response, denied) -> formExpired(response)))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessHandler(backToTheInvitation()))
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds())));
        ClientRegistrationRepository registrations = options.registrations();
        if (registrations != null) {
            OAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
            http.oauth2Login(login -> login
                    .loginPage(SignInController.PATH)
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(authorizedClients)
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce(registrations)))
                    .successHandler(withTheApisToken(authorizedClients, decoder, users))
                    .failureUrl(SignInController.PATH + "?error=sign-in"));
        }
        return http.build();
    }

    /**
     * Authorization requests with PKCE (S256) for every client, confidential ones included: an authorization code
     * caught on its way back is useless without the verifier this session keeps.
     */
    static OAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /**
     * After the issuer signed the person in, the session holds the access token it gave, read by the API's own
     * decoder: the page then acts for exactly the caller that token is on the API (tenant, partner type, roles).
     * An access token the API would refuse ends the sign-in with a message.
     */
    static AuthenticationSuccessHandler withTheApisToken(OAuth2AuthorizedClientRepository authorizedClients,
                                                                 JwtDecoder decoder, SignedInUsers users) {
        SavedRequestAwareAuthenticationSuccessHandler backToThePage = new SavedRequestAwareAuthenticationSuccessHandler();
        backToThePage.setDefaultTargetUrl(SignInController.PATH);
        return (request, response, authentication) -> {
            OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) authentication;
            OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(
                    login.getAuthorizedClientRegistrationId(), login, request);
            authorizedClients.removeAuthorizedClient(login.getAuthorizedClientRegistrationId(), login, request,
                    response);
            try {
                if (client == null) {
                    throw new JwtException("no access token");
                }
                users.signIn(decoder.decode(client.getAccessToken().getTokenValue()), request, response);
            } catch (JwtException refused) {
                request.getSession().invalidate();
                response.sendRedirect(request.getContextPath() + SignInController.PATH + "?error=account");
                return;
            }
            backToThePage.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** After signing out, back to the invitation the person was looking at. */
    private static LogoutSuccessHandler backToTheInvitation() {
        return (request, response, authentication) -> {
            String token = request.getParameter("invitation");
            boolean tokenShaped = InvitationTokens.parse(token).isPresent();
            response.sendRedirect(request.getContextPath()
                    + (tokenShaped ? InvitationPageController.pagePath(token) : SignInController.PATH));
        };
    }

    /** A form whose CSRF token is missing or stale, mostly because its session ended: say so in plain words. */
    private static void formExpired(HttpServletResponse response) throws java.io.IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Form expired</title>
                <link rel="stylesheet" href="/pages/site.css"></head><body><main>
                <h1>This form has expired</h1><p role="alert">Your session ended, so nothing was done. Open the
                invitation link from your email again and repeat the step.</p></main></body></html>""");
    }
}
