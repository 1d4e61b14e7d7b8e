package com.cspchannel.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token verification. Production: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri} (the issuer's JWKS). Development only: {@code csp.security.dev-secret}, an HS256
 * secret of at least 32 bytes; used only when no issuer is configured, and announced loudly in the log.
 *
 * @param devSecret     HS256 secret for development tokens
 * @param devIssuer     the {@code iss} development tokens must carry
 * @param publicApiDocs serve the OpenAPI document, Swagger UI and the AsyncAPI document of the service's topic
 *                      ({@code /v3/asyncapi}) without a token (default: in dev mode only)
 */
@ConfigurationProperties("csp.security")
public record CspSecurityProperties(String devSecret, @DefaultValue("csp-channel-dev") String devIssuer,
                                    Boolean publicApiDocs) {
}
