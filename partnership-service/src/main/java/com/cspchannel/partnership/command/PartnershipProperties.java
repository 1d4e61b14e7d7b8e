package com.cspchannel.partnership.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param invitationValidity     how long an invitation link can be accepted
 * @param publicBaseUrl          where resellers reach this service; invitation links start with it. Empty: the
 *                               base URL the provider's request came in on
 * @param invitationLinkTemplate where invitation links point instead of this service's acceptance page (an
 *                               operator's own portal): an absolute URL with {@code {token}} where the link's token
 *                               goes; empty for the service's page, {@code <publicBaseUrl>/invitations/{token}}
 */
@ConfigurationProperties("csp.partnership")
public record PartnershipProperties(@DefaultValue("30d") Duration invitationValidity, String publicBaseUrl,
                                    String invitationLinkTemplate) {
}
