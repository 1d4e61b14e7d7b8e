package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the link in an invitation email points: the acceptance page, or an operator's own portal. */
class InvitationLinksTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";

    private static InvitationLinks links(String publicBaseUrl, String template) {
        return new InvitationLinks(new PartnershipProperties(Duration.ofDays(30), publicBaseUrl, template));
    }

    @Test
    void byDefaultTheLinkOpensTheServicesAcceptancePage() {
        assertThat(links("https://partners.csp.example.com/", null).linkFor(TOKEN))
                .isEqualTo("https://partners.csp.example.com/invitations/" + TOKEN);
    }

    @Test
    void anOperatorsTemplatePutsTheTokenWhereItSays() {
        assertThat(links("https://partners.csp.example.com", "https://portal.example.com/accept?invitation={token}")
                .linkFor(TOKEN)).isEqualTo("https://portal.example.com/accept?invitation=" + TOKEN);
    }

    @Test
    void aTemplateWithoutTheTokenOrNotAnAbsoluteWebUrlStopsTheServiceAtStart() {
        assertThatThrownBy(() -> links(null, "https://portal.example.com/accept"))
                .hasMessageContaining("{token}");
        assertThatThrownBy(() -> links(null, "/accept/{token}")).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> links(null, "javascript:alert('{token}')"))
                .hasMessageContaining("absolute http(s) URL");
    }
}
