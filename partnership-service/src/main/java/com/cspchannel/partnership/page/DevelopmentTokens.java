package com.cspchannel.partnership.page;

import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.CspSecurityProperties;
import com.cspchannel.platform.security.PartnerType;
import com.cspchannel.platform.security.Role;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The development sign-in's tokens: what local-infra's development tokens are for curl, signed with the same
 * development secret and read back through the API's decoder, so that the page accepts exactly what the API would.
 * Only built when {@link SignInOptions#development()}.
 */
final class DevelopmentTokens {

    static final Duration VALIDITY = Duration.ofHours(1);

    private final NimbusJwtEncoder encoder;
    private final String issuer;
    private final JwtDecoder decoder;
    private final Clock clock;

    DevelopmentTokens(CspSecurityProperties csp, JwtDecoder decoder, Clock clock) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(csp.devSecret().getBytes(StandardCharsets.UTF_8)));
        this.issuer = csp.devIssuer();
        this.decoder = decoder;
        this.clock = clock;
    }

    /** A token for a user named {@code name} with {@code role} in {@code tenantId}, valid for an hour. */
    Jwt issue(UUID tenantId, PartnerType partnerType, Role role, String name) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(name)
                .claim("name", name)
                .claim(Caller.TENANT_CLAIM, tenantId.toString())
                .claim(Caller.PARTNER_TYPE_CLAIM, partnerType.name())
                .claim(Caller.ROLES_CLAIM, List.of(role.name()))
                .issuedAt(now)
                .expiresAt(now.plus(VALIDITY))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return decoder.decode(token);
    }
}
