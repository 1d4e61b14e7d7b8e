package com.cspchannel.partnership.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param invitationValidity how long an invitation link can be accepted
 * @param publicBaseUrl      where resellers reach this service; invitation links start with it
 */
@ConfigurationProperties("csp.partnership")
public record PartnershipProperties(@DefaultValue("30d") Duration invitationValidity,
                                    @DefaultValue("http://localhost:8081") String publicBaseUrl) {
}
