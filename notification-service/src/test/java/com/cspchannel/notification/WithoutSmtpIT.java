package com.cspchannel.notification;

import com.cspchannel.platform.test.ServiceIntegrationTest;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.notification.delivery.MailDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A local run without an SMTP server still works: notifications are recorded as not sent with the reason, and the
 * log says at start how to configure SMTP. (Its own consumer group and database: the service with SMTP may be
 * running in the same JVM and reads the same topics.)
 */
@TestPropertySource(properties = {"csp.notification.poll-interval=200ms",
        "csp.notification.consumer=notification-without-smtp"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WithoutSmtpIT extends ServiceIntegrationTest {

    @Test
    void notificationsAreRecordedAsNotSentWithTheReasonAndTheLogSaysHowToConfigureSmtp(CapturedOutput output) {
        assertThat(output.getAll()).contains("SMTP not configured: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT");

        UUID provider = UUID.randomUUID();
        PublicEvent profile = new ProviderProfileRegistered(UUID.randomUUID(), Instant.now(), provider, "Contoso",
                "csp@contoso.example", "Europe", "4847383", "en");
        PublicEvent accepted = new PartnershipAccepted(UUID.randomUUID(), Instant.now(), provider, UUID.randomUUID(),
                UUID.randomUUID(), "admin", "Europe");
        TestEvents.publish(1, profile, accepted);

        String token = TOKENS.provider(provider, "GlobalAdmin");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode items = api.get("/api/v1/notifications", token).body().get("items");
            return items.size() == 1 && "not_sent".equals(items.get(0).get("status").asText());
        });
        JsonNode entry = api.get("/api/v1/notifications", token).body().get("items").get(0);
        assertThat(entry.get("statusReason").asText()).isEqualTo(MailDelivery.SMTP_NOT_CONFIGURED);
        assertThat(entry.get("subject").asText()).endsWith("accepted your partnership invitation");
        assertThat(entry.get("attempts").asInt()).isZero();
    }
}
