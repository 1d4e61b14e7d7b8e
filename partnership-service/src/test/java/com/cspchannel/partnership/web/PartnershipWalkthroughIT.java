package com.cspchannel.partnership.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.cspchannel.infra.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's partnership workflow over HTTP: enrol a reseller, verify its PartnerID, request a partnership,
 * accept it, list it, remove it (first without, then with the attestation), partner again, and every change
 * reaching the topic as a CloudEvent that a plain Kafka consumer reads.
 */
class PartnershipWalkthroughIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void theProviderPartnersWithAResellerRemovesItAndEveryChangeIsPublished() throws Exception {
        Instant started = Instant.now();
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        String pla = "7" + (100000 + new java.util.Random().nextInt(800000));
        String pga = "8" + (100000 + new java.util.Random().nextInt(800000));
        registerProvider(provider, "Contoso", "4847383");
        enrolReseller(reseller, "Fabrikam", "Europe", List.of(pla), pga, "Europe");
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        String sales = TOKENS.provider(provider, "SalesAgent");

        // Verify the PartnerID first: the PLA id passes, the PGA id is refused with Partner Center's codes.
        var verified = api.get("/api/v1/resellers/verify?partnerId=" + pla, sales);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().get("verified").asBoolean()).isTrue();
        assertThat(verified.body().get("partnered").asBoolean()).isFalse();
        var pgaAnswer = api.get("/api/v1/resellers/verify?partnerId=" + pga, sales);
        assertThat(pgaAnswer.body().get("verified").asBoolean()).isFalse();
        assertThat(pgaAnswer.body().get("code").asText()).isEqualTo("2204");
        assertThat(pgaAnswer.body().get("partnerCenterCodes").toString()).contains("800016");
        assertThat(api.get("/api/v1/resellers/verify?partnerId=4847383", sales).body().get("code").asText())
                .isEqualTo("2072");
        assertThat(api.get("/api/v1/resellers/verify?partnerId=99999999991", sales).body().get("code").asText())
                .isEqualTo("3000");

        // Request a partnership: a draft email with a personalised link and a mailto URL.
        var draft = api.post("/api/v1/partnership-invitations", sales, Map.of("resellerEmail", "admin@fabrikam.example"));
        assertThat(draft.status()).isEqualTo(201);
        String link = draft.body().get("link").asText();
        assertThat(draft.body().get("body").asText()).contains(link).contains("Contoso");
        assertThat(draft.body().get("mailtoUrl").asText()).startsWith("mailto:admin@fabrikam.example?subject=");
        assertThat(draft.body().get("subject").asText()).contains("Contoso");
        String token = tokenOf(draft);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') "
                + "like ?", Long.class, "%" + token.substring(33) + "%")).as("the token is never stored").isZero();

        // Nothing is partnered until the reseller accepts.
        assertThat(api.get("/api/v1/partnerships", admin).body().get("totalCount").asLong()).isZero();
        String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");
        assertThat(api.get("/api/v1/partnership-invitations/" + token, resellerAdmin).body().get("providerName")
                .asText()).isEqualTo("Contoso");
        var accepted = api.post("/api/v1/partnership-invitations/" + token + "/accept", resellerAdmin, null);
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.body().get("state").asText()).isEqualTo("active");

        var providersList = api.get("/api/v1/partnerships", admin).body();
        assertThat(providersList.get("totalCount").asLong()).isEqualTo(1);
        JsonNode row = providersList.get("items").get(0);
        assertThat(row.get("resellerTenantId").asText()).isEqualTo(reseller.toString());
        assertThat(row.get("resellerName").asText()).isEqualTo("Fabrikam");
        assertThat(row.get("partnerIds").get(0).asText()).isEqualTo(pla);
        assertThat(row.get("cspRegion").asText()).isEqualTo("Europe");
        assertThat(row.get("since").asText()).isNotBlank();
        var resellersList = api.get("/api/v1/partnerships", TOKENS.reseller(reseller, "AdminAgent")).body();
        assertThat(resellersList.get("items").get(0).get("providerName").asText()).isEqualTo("Contoso");
        assertThat(api.get("/api/v1/resellers/verify?partnerId=" + pla, sales).body().get("partnered").asBoolean())
                .isTrue();

        // Accepting the same link again: an invitation can be used once.
        assertThat(api.post("/api/v1/partnership-invitations/" + token + "/accept", resellerAdmin, null).code())
                .isEqualTo("invitation-used");

        // Remove without the attestation: 422, nothing changes.
        long before = storedEvents();
        var refused = api.delete("/api/v1/partnerships/" + reseller, admin, Map.of("reason", "no attestation"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("attestation-required");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.get("/api/v1/partnerships?state=active", admin).body().get("totalCount").asLong()).isEqualTo(1);

        // Remove with the attestation: the answer reminds the provider that no notice was sent.
        var removed = api.delete("/api/v1/partnerships/" + reseller, admin,
                Map.of("goodFaithAttestation", true, "reason", "Reseller left the program"));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("noticeSentToReseller").asBoolean()).isFalse();
        assertThat(removed.body().get("noticeSentToCustomers").asBoolean()).isFalse();
        assertThat(removed.body().get("notice").asText()).contains("No notice was sent").contains("legal notice");
        assertThat(api.get("/api/v1/partnerships?state=active", admin).body().get("totalCount").asLong()).isZero();
        assertThat(api.get("/api/v1/partnerships?state=removed", admin).body().get("items").get(0)
                .get("removalReason").asText()).isEqualTo("Reseller left the program");

        // A partnership can be requested again after removal.
        assertThat(partner(provider, reseller).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/partnerships?state=active", admin).body().get("totalCount").asLong()).isEqualTo(1);

        // Every change reached the topic as a CloudEvent, readable without our code.
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = SharedInfrastructure.plainConsumer(bootstrapServers)) {
            consumer.subscribe(List.of("csp.partnerships.events"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return types(records, provider, reseller).containsAll(List.of(
                        "partnership.ProviderProfileRegistered.v1", "partnership.ResellerEnrolled.v1",
                        "partnership.ResellerComplianceChanged.v1", "partnership.PartnershipInvitationIssued.v1",
                        "partnership.PartnershipAccepted.v1", "partnership.PartnershipRemoved.v1"))
                        && types(records, provider, reseller).stream()
                        .filter("partnership.PartnershipAccepted.v1"::equals).count() >= 2;
            });
        }
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : mine(records, provider, reseller)) {
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo("partnership-service");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(header(record, "ce_subject")).isEqualTo(record.key());
            JsonNode data = JSON.readTree(record.value());
            // ce_time is when the change happened: the event's own time, during this test
            assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(Instant.parse(data.get("occurredAt").asText()))
                    .isBetween(started, Instant.now());
            assertThat(data.get("eventId").asText()).isEqualTo(header(record, "ce_id"));
            ids.add(header(record, "ce_id"));
            if (header(record, "ce_type").equals("partnership.PartnershipRemoved.v1")) {
                assertThat(data.get("goodFaithAttestation").asBoolean()).isTrue();
                // the statement the provider attested to is on the record, in the seed's words
                assertThat(data.get("attestationStatement").asText()).contains("good faith")
                        .contains("legitimate business purpose");
                assertThat(data.get("removedBy").asText()).isNotBlank();
                assertThat(data.get("reason").asText()).isEqualTo("Reseller left the program");
                assertThat(record.key()).isEqualTo(provider + ":" + reseller);
            }
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(token.substring(33));
        }
        assertThat(ids).as("event ids are unique").hasSize(mine(records, provider, reseller).size());
    }


    private static List<ConsumerRecord<String, byte[]>> mine(List<ConsumerRecord<String, byte[]>> records,
                                                             UUID provider, UUID reseller) {
        return records.stream().filter(r -> {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            return value.contains(provider.toString()) || value.contains(reseller.toString());
        }).toList();
    }

    private static List<String> types(List<ConsumerRecord<String, byte[]>> records, UUID provider, UUID reseller) {
        return mine(records, provider, reseller).stream().map(r -> header(r, "ce_type")).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
