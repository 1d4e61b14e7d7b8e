package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.platform.test.ApiFuzzer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the notification-service's OpenAPI document, with hostile path, query and header values
 * from a provider's, a reseller's and the platform's users: never a 5xx, every error problem details.
 */
class ApiFuzzIT extends NotificationIntegrationTest {

    @Test
    void noRequestBreaksTheApisPromises() {
        World world = world();
        publish(profiles(world).toArray(PublicEvent[]::new));
        PublicEvent[] events = {accepted(world, world.reseller())};
        publish(events);
        awaitSettled(events);
        String notification = api.get("/api/v1/notifications", world.providerAdmin()).body().get("items").get(0)
                .get("id").asText();

        ApiFuzzer.Report report = fuzzEveryOperation(Map.of("notificationId", notification,
                        "recipientTenantId", world.provider().toString(), "type", "partnership_accepted"),
                List.of(world.providerAdmin(), TOKENS.reseller(world.reseller(), "GlobalAdmin"),
                        TOKENS.platform("Operator")), 1000);
        assertThat(report.requests()).isGreaterThan(report.operations() * 10);
    }
}
