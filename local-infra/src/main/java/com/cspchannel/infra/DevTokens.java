package com.cspchannel.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Development tokens: HS256 JWTs signed with the development secret that services accept only in their
 * development mode. Claims as the services read them: {@code tid}, {@code roles}, {@code partner_type},
 * {@code sub}, {@code name}.
 */
public final class DevTokens {

    /** The documented development secret. Never configure it in production. */
    public static final String DEV_SECRET = "csp-channel-development-secret-not-for-production-use";
    public static final String DEV_ISSUER = "csp-channel-dev";

    private final String secret;

    public DevTokens(String secret) {
        this.secret = secret;
    }

    public static DevTokens withDevSecret() {
        return new DevTokens(DEV_SECRET);
    }

    public String provider(UUID tenantId, String... roles) {
        return token(tenantId, "provider", "user-" + UUID.randomUUID(), List.of(roles), Duration.ofHours(12));
    }

    public String reseller(UUID tenantId, String... roles) {
        return token(tenantId, "reseller", "user-" + UUID.randomUUID(), List.of(roles), Duration.ofHours(12));
    }

    /** A platform user (not tied to a provider), e.g. {@code DirectoryAdmin} or {@code Operator}. */
    public String platform(String... roles) {
        return token(null, "platform", "user-" + UUID.randomUUID(), List.of(roles), Duration.ofHours(12));
    }

    public String token(UUID tenantId, String partnerType, String subject, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(DEV_ISSUER)
                .subject(subject)
                .claim("name", subject)
                .claim("roles", roles)
                .claim("partner_type", partnerType)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)));
        if (tenantId != null) {
            claims.claim("tid", tenantId.toString());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign development token", e);
        }
    }
}
