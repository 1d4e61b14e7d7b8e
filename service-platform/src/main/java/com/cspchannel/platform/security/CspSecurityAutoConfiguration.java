package com.cspchannel.platform.security;

import com.cspchannel.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;

/**
 * OAuth2 resource server: every endpoint but health and metrics needs a valid bearer token. Failures
 * answer with problem details (401 {@code unauthorized}, 403 {@code forbidden}).
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class})
@EnableConfigurationProperties({CspSecurityProperties.class, OAuth2ResourceServerProperties.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CspSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CspSecurityAutoConfiguration.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(CspSecurityProperties csp, OAuth2ResourceServerProperties resourceServer) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            if (!StringUtils.hasText(jwt.getIssuerUri())) {
                throw new IllegalStateException("JWT_JWK_SET_URI is set without JWT_ISSUER_URI: set "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri too, the iss every token must carry");
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build();
            decoder.setJwtValidator(validator(jwt.getIssuerUri(), jwt.getAudiences()));
            return decoder;
        }
        if (StringUtils.hasText(jwt.getIssuerUri())) {
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(jwt.getIssuerUri());
                decoder.setJwtValidator(validator(jwt.getIssuerUri(), jwt.getAudiences()));
                return decoder;
            });
        }
        if (csp.devSecret() != null && !csp.devSecret().isBlank()) {
            byte[] secret = csp.devSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("csp.security.dev-secret must be at least 32 bytes for HS256");
            }
            log.warn("""

                    ************************************************************************************
                    *  DEVELOPMENT MODE: accepting HS256 tokens signed with csp.security.dev-secret.    *
                    *  Anyone who knows the secret can act as any user. Never run this in production:  *
                    *  configure spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri.  *
                    ************************************************************************************""");
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
            decoder.setJwtValidator(validator(csp.devIssuer(), jwt.getAudiences()));
            return decoder;
        }
        throw new IllegalStateException("No token issuer configured: set spring.security.oauth2.resourceserver.jwt"
                + ".issuer-uri or .jwk-set-uri (production), or csp.security.dev-secret (development only)");
    }

    /**
     * What every token must pass, in production and development alike: an expiry (a token without {@code exp}
     * would never expire) that has not passed, the expected issuer, the audience when one is configured, and
     * the caller's claims.
     */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(),
                new JwtIssuerValidator(issuer),
                new CallerTokenValidator()));
        if (audiences != null && !audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * The API's chain; it matches every request, so a service's own chain for other paths (browser pages with a
     * session) is ordered before it and leaves it in place: only a bean of this name replaces it.
     */
    @Bean
    @ConditionalOnMissingBean(name = "cspSecurityFilterChain")
    public SecurityFilterChain cspSecurityFilterChain(HttpSecurity http, CspSecurityProperties csp,
                                                      ObjectMapper objectMapper) throws Exception {
        boolean devMode = csp.devSecret() != null && !csp.devSecret().isBlank();
        boolean publicDocs = csp.publicApiDocs() != null ? csp.publicApiDocs() : devMode;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> Problems.write(response, objectMapper,
                problem(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required."));
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, objectMapper,
                problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()));
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                            "/actuator/info", "/error").permitAll();
                    if (publicDocs) {
                        auth.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**", "/v3/asyncapi").permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(o -> o.jwt(jwt -> { })
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                // on every answer: nothing may be loaded, framed or referred from an API answer; Swagger UI loads
                // only its own files. HSTS is written for requests that came over TLS (as forwarded headers tell).
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds())));
        return http.build();
    }

    /**
     * A request the firewall refuses before any controller sees it (an encoded slash, a semicolon, a NUL in the
     * path) gets a problem-details 400 like every other client mistake, not the container's own page.
     */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, e) -> Problems.write(response, objectMapper, problem(HttpStatus.BAD_REQUEST,
                "rejected-request", "The request's URL or headers are not allowed (for example an encoded slash, a "
                        + "semicolon or a control character in the path)."));
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        return Problems.of(status, code, detail);
    }

    @Bean
    public WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
