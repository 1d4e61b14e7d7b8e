package com.cspchannel.subscription.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.platform.consumer.EventConsumers;
import com.cspchannel.platform.consumer.RunningConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consistency token makes a decision wait for this service's copy of another service's facts. The copy of
 * the partnerships is held back (its consumer paused): a request with the token of a new partnership waits and,
 * once the copy moves on, decides on it; a request whose token the copy does not reach in time is 503, not a
 * decision on the old copy.
 */
class ConsistencyTokenIT extends SubscriptionIntegrationTest {

    private static final String HEADER = "CSP-Consistency-Token";

    @Autowired
    EventConsumers consumers;

    private RunningConsumer partnerView() {
        return consumers.running("subscription-service.partner-view").orElseThrow();
    }

    @AfterEach
    void resume() {
        partnerView().resume();
    }

    private void holdBackThePartnerView() {
        partnerView().pause();
        await().atMost(Duration.ofSeconds(30)).until(() -> partnerView().paused());
    }

    private HttpApi.Response orderNaming(World world, Reseller reseller, String token) {
        Map<String, Object> order = Map.of("partnerOnRecordAttestationAccepted", true, "lineItems",
                List.of(Map.of("offerId", BASIC, "quantity", 1, "partnerIdOnRecord", reseller.pla())));
        return api.withHeaders("POST", world.path() + "/orders", world.sales(), order,
                token == null ? Map.of() : Map.of(HEADER, token));
    }

    @Test
    void aRequestWithTheTokenOfANewPartnershipWaitsForTheCopyThenDecidesOnIt() throws Exception {
        World world = world();
        Reseller newcomer = reseller("Europe", List.of("Europe"), ProgramStatus.ACTIVE);
        holdBackThePartnerView();
        PartnershipAccepted accepted = partner(world.provider(), newcomer);
        String token = Topics.PARTNERSHIPS + "/" + accepted.eventId();

        // Without the token the decision is made on the copy as it is: not partnered yet.
        HttpApi.Response stale = orderNaming(world, newcomer, null);
        assertThat(stale.status()).isEqualTo(422);
        assertThat(stale.raw()).contains("reseller-not-partnered");

        long events = storedEvents();
        CompletableFuture<HttpApi.Response> waiting = CompletableFuture.supplyAsync(() ->
                orderNaming(world, newcomer, token));
        Thread.sleep(500);
        assertThat(waiting).as("the request waits for the copy").isNotDone();
        assertThat(storedEvents()).isEqualTo(events);
        partnerView().resume();
        HttpApi.Response placed = waiting.get();
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        // the answer's token names what was read and what this request wrote
        String answer = placed.headers().firstValue(HEADER).orElseThrow();
        assertThat(answer).contains(token).contains(Topics.SUBSCRIPTIONS + "/");
    }

    @Test
    void aTokenTheCopyDoesNotReachInTimeIs503AndDecidesNothing() {
        World world = world();
        holdBackThePartnerView();
        PartnershipRemoved removed = new PartnershipRemoved(UUID.randomUUID(), Instant.now(), world.provider(),
                world.reseller().tenant(), "provider-admin", "ended", true, "attested");
        publish(Topics.PARTNERSHIPS, world.provider() + ":" + world.reseller().tenant(), removed);
        String token = Topics.PARTNERSHIPS + "/" + removed.eventId();
        long events = storedEvents();

        long start = System.nanoTime();
        HttpApi.Response late = orderNaming(world, world.reseller(), token);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(late.status()).isEqualTo(503);
        assertThat(late.code()).isEqualTo("consistency-timeout");
        assertThat(late.headers().firstValue("Retry-After")).contains("1");
        assertThat(storedEvents()).isEqualTo(events);

        // Once the copy has the removal, the same request is refused for the right reason.
        partnerView().resume();
        HttpApi.Response refused = orderNaming(world, world.reseller(), token);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().toString()).contains("reseller-not-partnered");
        // the refusal says which copies it was decided on, how far applied, and that the token was waited for
        assertThat(refused.body().get("consistencyToken").asText()).isEqualTo("applied: 1 event(s)");
        assertThat(refused.body().get("copies").findValuesAsText("consumer"))
                .contains("subscription-service.partner-view", "subscription-service.customers");
        String appliedThrough = refused.body().get("copies").findParents("consumer").stream()
                .filter(c -> c.get("consumer").asText().equals("subscription-service.partner-view")).findFirst()
                .orElseThrow().get("appliedThrough").asText();
        assertThat(Instant.parse(appliedThrough)).isAfterOrEqualTo(removed.occurredAt().minusSeconds(5));
    }

    @Test
    void aMalformedTokenIsABadRequest() {
        World world = world();
        HttpApi.Response bad = api.withHeaders("GET", world.path() + "/subscriptions", world.admin(), null,
                Map.of(HEADER, "not a token"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid-consistency-token");
    }
}
