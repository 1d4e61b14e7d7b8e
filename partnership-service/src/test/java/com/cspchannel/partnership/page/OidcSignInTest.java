package com.cspchannel.partnership.page;

import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.PartnerType;
import com.cspchannel.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in on the invitation page: the issuer is asked for an authorization code with PKCE, and the
 * access token it gives signs the person in only when the API would accept it, as the caller it names.
 */
class OidcSignInTest {

    private static final ClientRegistration ISSUER = ClientRegistration.withRegistrationId("csp")
            .clientId("invitation-page").clientSecret("client-secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid")
            .authorizationUri("https://login.example.com/authorize")
            .tokenUri("https://login.example.com/token")
            .jwkSetUri("https://login.example.com/keys")
            .userNameAttributeName("sub")
            .clientName("Sign in with your organisation's account")
            .build();
    private static final UUID RESELLER = UUID.randomUUID();

    /** Stands in for the API's decoder: it accepts the one token the issuer gave for the reseller's admin. */
    private static final JwtDecoder API_DECODER = token -> {
        if (!token.equals("access-token-the-api-accepts")) {
            throw new BadJwtException("not a token of the configured issuer");
        }
        Instant now = Instant.now();
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alex@fabrikam.example")
                .claim(Caller.TENANT_CLAIM, RESELLER.toString())
                .claim(Caller.PARTNER_TYPE_CLAIM, PartnerType.reseller.name())
                .claim(Caller.ROLES_CLAIM, List.of(Role.GlobalAdmin.name()))
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).build();
    };

    private final SignedInUsers users = new SignedInUsers(Clock.systemUTC());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void signingInAsksTheIssuerForAnAuthorizationCodeWithPkce() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/csp");
        request.setServletPath("/oauth2/authorization/csp");

        OAuth2AuthorizationRequest asked = PageSecurityConfiguration
                .withPkce(new InMemoryClientRegistrationRepository(ISSUER)).resolve(request);

        assertThat(asked.getAuthorizationRequestUri()).startsWith("https://login.example.com/authorize?")
                .contains("response_type=code").contains("client_id=invitation-page")
                .contains(PkceParameterNames.CODE_CHALLENGE + "=")
                .contains(PkceParameterNames.CODE_CHALLENGE_METHOD + "=S256");
        assertThat(asked.<String>getAttribute(PkceParameterNames.CODE_VERIFIER)).as("kept in the session")
                .isNotBlank();
        assertThat(asked.getRedirectUri()).isEqualTo("http://localhost/login/oauth2/code/csp");
    }

    @Test
    void anAccessTokenTheApiAcceptsSignsInTheCallerItNames() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/csp");
        MockHttpServletResponse response = new MockHttpServletResponse();

        signedInAtTheIssuer("access-token-the-api-accepts", request, response);

        Caller caller = users.current().orElseThrow();
        assertThat(caller.tenantId()).isEqualTo(RESELLER);
        assertThat(caller.isReseller()).isTrue();
        assertThat(caller.roles()).containsExactly(Role.GlobalAdmin);
        assertThat(response.getRedirectedUrl()).isEqualTo("/sign-in");
    }

    @Test
    void anAccessTokenTheApiWouldRefuseSignsNobodyInAndSaysWhy() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/csp");
        MockHttpServletResponse response = new MockHttpServletResponse();

        signedInAtTheIssuer("an-id-token-or-another-audience", request, response);

        assertThat(users.current()).isEmpty();
        assertThat(response.getRedirectedUrl()).isEqualTo("/sign-in?error=account");
    }

    private void signedInAtTheIssuer(String accessToken, MockHttpServletRequest request,
                                     MockHttpServletResponse response) throws Exception {
        HttpSessionOAuth2AuthorizedClientRepository clients = new HttpSessionOAuth2AuthorizedClientRepository();
        OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(new DefaultOAuth2User(List.of(),
                Map.of("sub", "alex@fabrikam.example"), "sub"), List.of(), "csp");
        Instant now = Instant.now();
        clients.saveAuthorizedClient(new OAuth2AuthorizedClient(ISSUER, "alex@fabrikam.example",
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now,
                        now.plus(Duration.ofHours(1)))), login, request, response);
        PageSecurityConfiguration.withTheApisToken(clients, API_DECODER, users)
                .onAuthenticationSuccess(request, response, login);
    }
}
