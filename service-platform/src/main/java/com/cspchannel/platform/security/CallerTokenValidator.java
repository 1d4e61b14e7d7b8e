package com.cspchannel.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.UUID;

/**
 * Refuses tokens whose claims do not describe a caller: a known {@code partner_type}, a subject, and a
 * tenant id ({@code tid}, a UUID) for provider and reseller users.
 */
public class CallerTokenValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        var type = PartnerType.parse(jwt.getClaimAsString(Caller.PARTNER_TYPE_CLAIM));
        if (type.isEmpty()) {
            return invalid("the token has no valid partner_type claim (provider, reseller or platform)");
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return invalid("the token has no subject");
        }
        if (type.get() != PartnerType.platform) {
            String tid = jwt.getClaimAsString(Caller.TENANT_CLAIM);
            try {
                if (tid == null) {
                    return invalid("the token has no tid claim");
                }
                UUID.fromString(tid);
            } catch (IllegalArgumentException e) {
                return invalid("the tid claim is not a tenant id (UUID)");
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
