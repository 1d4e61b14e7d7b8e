package com.cspchannel.partnership.web;

import com.cspchannel.infra.HttpApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invitation link grants one partnership, once: it cannot be replayed after a removal, used by a second
 * reseller, or used after the provider revoked it; a provider sees what became of each of its invitations.
 */
class InvitationLifecycleIT extends IntegrationTest {

    private final UUID provider = UUID.randomUUID();
    private final String admin = TOKENS.provider(provider, "GlobalAdmin");

    private UUID enrolled() {
        UUID reseller = UUID.randomUUID();
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        enrolReseller(reseller, "Fabrikam" + n, "Europe", List.of("5" + n), "6" + n, "Europe");
        return reseller;
    }

    private String invite(Map<String, Object> body) {
        HttpApi.Response draft = api.post("/api/v1/partnership-invitations", admin, body);
        assertThat(draft.status()).as(draft.raw()).isEqualTo(201);
        return tokenOf(draft);
    }

    private HttpApi.Response accept(String token, UUID reseller) {
        return api.post("/api/v1/partnership-invitations/" + token + "/accept", TOKENS.reseller(reseller,
                "GlobalAdmin"), null);
    }

    private HttpApi.Response removePartnership(UUID reseller) {
        return api.delete("/api/v1/partnerships/" + reseller, admin, Map.of("goodFaithAttestation", true,
                "reason", "contract ended: private note"));
    }

    private long partnerships(String query) {
        return api.get("/api/v1/partnerships" + query, admin).body().get("totalCount").asLong();
    }

    @Test
    void afterARemovalTheOldLinkIsRefusedAndTheRemovalSticks() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));
        UUID reseller = enrolled();
        String token = invite(Map.of());
        assertThat(accept(token, reseller).status()).isEqualTo(201);
        assertThat(removePartnership(reseller).status()).isEqualTo(200);
        long events = storedEvents();

        HttpApi.Response replay = accept(token, reseller);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.code()).isEqualTo("invitation-used");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(partnerships("")).as("the default list shows active partnerships").isZero();
        assertThat(partnerships("?state=removed")).isEqualTo(1);
        assertThat(partnerships("?state=all")).isEqualTo(1);
        // the removal reason is the provider's: the reseller does not see it
        assertThat(api.get("/api/v1/partnerships?state=removed", admin).body().get("items").get(0)
                .get("removalReason").asText()).isEqualTo("contract ended: private note");
        assertThat(api.get("/api/v1/partnerships?state=removed", TOKENS.reseller(reseller, "GlobalAdmin")).body()
                .get("items").get(0).has("removalReason")).isFalse();
    }

    @Test
    void aLinkIssuedBeforeTheRemovalCannotRestoreThePartnership() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));
        UUID reseller = enrolled();
        String spare = invite(Map.of());
        String bound = invite(Map.of("resellerTenantId", reseller));
        assertThat(accept(invite(Map.of()), reseller).status()).isEqualTo(201);
        assertThat(removePartnership(reseller).status()).isEqualTo(200);

        assertThat(accept(spare, reseller).code()).isEqualTo("invitation-predates-removal");
        assertThat(accept(bound, reseller).code()).as("open invitations to the reseller are revoked with the removal")
                .isEqualTo("invitation-revoked");
        assertThat(partnerships("")).isZero();
        // a new invitation from the provider partners them again
        assertThat(accept(invite(Map.of()), reseller).status()).isEqualTo(201);
        assertThat(partnerships("")).isEqualTo(1);
    }

    @Test
    void aSecondResellerCannotUseALinkAndAnInvitationForOneResellerIsInvisibleToOthers() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));
        UUID first = enrolled();
        UUID second = enrolled();
        String open = invite(Map.of());
        assertThat(accept(open, first).status()).isEqualTo(201);
        HttpApi.Response reused = accept(open, second);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("invitation-used");

        String forSecond = invite(Map.of("resellerTenantId", second));
        assertThat(api.get("/api/v1/partnership-invitations/" + forSecond, TOKENS.reseller(first, "GlobalAdmin"))
                .status()).isEqualTo(404);
        HttpApi.Response stranger = accept(forSecond, first);
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("invitation-not-found");
        HttpApi.Response seen = api.get("/api/v1/partnership-invitations/" + forSecond,
                TOKENS.reseller(second, "GlobalAdmin"));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().get("expiresAt").asText()).isNotBlank();
        assertThat(accept(forSecond, second).status()).isEqualTo(201);
    }

    @Test
    void theProviderListsRevokesAndResendsItsInvitations() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));
        UUID reseller = enrolled();
        HttpApi.Response draft = api.post("/api/v1/partnership-invitations", admin,
                Map.of("resellerEmail", "admin@fabrikam.example", "resellerTenantId", reseller));
        String invitationId = draft.body().get("invitationId").asText();
        String token = tokenOf(draft);
        assertThat(api.get("/api/v1/partnership-invitations?state=pending", admin).body().get("totalCount").asLong())
                .isEqualTo(1);

        HttpApi.Response resent = api.post("/api/v1/partnership-invitations/" + invitationId + "/resend", admin, null);
        assertThat(resent.status()).as(resent.raw()).isEqualTo(201);
        assertThat(resent.body().get("mailtoUrl").asText()).contains("admin@fabrikam.example");
        assertThat(accept(token, reseller).code()).as("the re-sent invitation replaces the old link")
                .isEqualTo("invitation-revoked");

        String newId = resent.body().get("invitationId").asText();
        HttpApi.Response revoked = api.delete("/api/v1/partnership-invitations/" + newId, admin, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("state").asText()).isEqualTo("revoked");
        assertThat(accept(tokenOf(resent), reseller).code()).isEqualTo("invitation-revoked");

        String used = invite(Map.of());
        assertThat(accept(used, reseller).status()).isEqualTo(201);
        var page = api.get("/api/v1/partnership-invitations", admin).body();
        assertThat(page.get("totalCount").asLong()).isEqualTo(3);
        assertThat(page.get("items").findValuesAsText("state")).containsExactly("accepted", "revoked", "revoked");
        assertThat(page.toString()).doesNotContain(token.substring(33));
        // someone else's invitation cannot be revoked
        assertThat(api.delete("/api/v1/partnership-invitations/" + invitationId,
                TOKENS.provider(UUID.randomUUID(), "GlobalAdmin"), null).status()).isEqualTo(404);
    }

    @Test
    void aRetriedInvitationIssuesOneLinkAndARetriedAcceptanceAnswersThePartnershipWithoutRestoringIt() {
        registerProvider(provider, "Contoso", "4" + ThreadLocalRandom.current().nextInt(100000, 999999));
        UUID reseller = enrolled();
        Map<String, Object> body = Map.of("resellerTenantId", reseller);
        HttpApi.Response first = api.send("POST", "/api/v1/partnership-invitations", admin, body, null, "invite-1");
        long events = storedEvents();
        HttpApi.Response retry = api.send("POST", "/api/v1/partnership-invitations", admin, body, null, "invite-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body().get("invitationId")).isEqualTo(first.body().get("invitationId"));
        assertThat(retry.body().has("link")).as("the link is shown once").isFalse();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(api.get("/api/v1/partnership-invitations?state=pending", admin).body().get("totalCount").asLong())
                .isEqualTo(1);

        String token = tokenOf(first);
        String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");
        String acceptPath = "/api/v1/partnership-invitations/" + token + "/accept";
        HttpApi.Response accepted = api.send("POST", acceptPath, resellerAdmin, null, null, "accept-1");
        long afterAccept = storedEvents();
        HttpApi.Response acceptedAgain = api.send("POST", acceptPath, resellerAdmin, null, null, "accept-1");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(acceptedAgain.status()).as(acceptedAgain.raw()).isEqualTo(200);
        assertThat(acceptedAgain.body().get("resellerTenantId").asText()).isEqualTo(reseller.toString());
        assertThat(storedEvents()).isEqualTo(afterAccept);

        // After a removal, the retried acceptance still answers, but restores nothing.
        assertThat(removePartnership(reseller).status()).isEqualTo(200);
        long afterRemoval = storedEvents();
        HttpApi.Response replayed = api.send("POST", acceptPath, resellerAdmin, null, null, "accept-1");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(afterRemoval);
        assertThat(partnerships("")).isZero();
    }
}
