package com.cspchannel.subscription.web;

import com.cspchannel.events.partnership.ProgramStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscription's history as a reseller reads it leaks nothing: not the provider's user ids, not another
 * reseller's PartnerID, not the changes that concern only another reseller. The provider reads all of it.
 */
class ResellerHistoryIT extends SubscriptionIntegrationTest {

    @Test
    void eachResellerSeesOnlyItsOwnIntervalsAndNoUserIds() {
        World world = world();
        Reseller first = world.reseller();
        Reseller second = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        partner(world.provider(), second);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
                + "partner_partnership where reseller_tenant_id = ? and active", Long.class, second.tenant()) == 1);
        var placed = api.post(world.path() + "/orders", world.sales(), Map.of("lineItems", List.of(Map.of(
                "offerId", BASIC, "quantity", 10, "partnerIdOnRecord", first.pla())),
                "partnerOnRecordAttestationAccepted", true));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        String path = world.path() + "/subscriptions/" + api.get(world.path() + "/subscriptions", world.admin()).body()
                .get("items").get(0).get("id").asText();
        assertThat(api.send("PATCH", path, world.sales(), Map.of("partnerId", second.pla()), null).status())
                .isEqualTo(200);
        assertThat(api.put(path + "/supportcontact", world.admin(), Map.of("supportTenantId", second.tenant(),
                "supportMpnId", second.pla(), "name", "Second")).status()).isEqualTo(200);

        JsonNode provider = api.get(path + "/history", world.admin()).body().get("items");
        assertThat(provider.findValuesAsText("type")).containsExactly("SubscriptionCreated",
                "ResellerOfRecordChanged", "SupportContactDesignated");
        assertThat(provider.findValues("by")).hasSize(3);

        JsonNode firstView = api.get(path + "/history", TOKENS.reseller(first.tenant(), "AdminAgent")).body()
                .get("items");
        assertThat(firstView.findValuesAsText("type")).containsExactly("SubscriptionCreated",
                "ResellerOfRecordChanged");
        assertThat(firstView.toString()).doesNotContain(second.pla()).doesNotContain(second.tenant().toString())
                .doesNotContain("user-").doesNotContain("\"by\"");
        assertThat(firstView.get(1).get("what").get("fromPartnerId").asText()).isEqualTo(first.pla());

        JsonNode secondView = api.get(path + "/history", TOKENS.reseller(second.tenant(), "AdminAgent")).body()
                .get("items");
        assertThat(secondView.findValuesAsText("type")).containsExactly("SubscriptionCreated",
                "ResellerOfRecordChanged", "SupportContactDesignated");
        assertThat(secondView.toString()).doesNotContain(first.pla()).doesNotContain("\"by\"");
        assertThat(secondView.get(1).get("what").get("toPartnerId").asText()).isEqualTo(second.pla());
    }
}
