package com.cspchannel.customer.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Creating a customer for a reseller: refused until the partnership is known from the topic, then created with
 * its order in one step; the temporary password appears in one HTTP answer and nowhere else.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomerCreationIT extends CustomerIntegrationTest {

    @Test
    void aCustomerForAResellerIsRefusedUntilThePartnershipArrivesThenCreatedOnceWithItsPasswordShownOnce(
            CapturedOutput output) {
        World world = world();
        String domain = domain();
        Map<String, Object> request = customerRequest(domain, world.reseller(),
                List.of(line(BASIC, 10, world.pla()), line(AZURE_PLAN, 1, null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from partner_reseller where reseller_tenant_id = ?", Long.class, world.reseller()) == 1);
        long before = storedEvents();
        var refused = api.post("/api/v1/customers", world.sales(), request);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").toString()).contains("associatedPartnerId")
                .contains("reseller-not-partnered");
        assertThat(storedEvents()).isEqualTo(before);

        partner(world);
        awaitPartnership(world, true);
        var created = api.post("/api/v1/customers", world.sales(), request);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode body = created.body();
        String password = body.get("userCredentials").get("password").asText();
        assertThat(body.get("userCredentials").get("userName").asText()).isEqualTo("admin@" + domain);
        assertThat(password).hasSize(16);
        assertThat(body.get("associatedPartnerId").asText()).isEqualTo(world.reseller().toString());
        assertThat(body.get("order").get("status").asText()).isEqualTo("accepted");
        assertThat(body.get("order").get("lineItems")).hasSize(2);
        assertThat(body.get("order").get("lineItems").get(0).get("partnerIdOnRecord").asText()).isEqualTo(world.pla());
        assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String id = body.get("id").asText();

        // A later read never shows the password; the reseller sees the customer it now administers.
        var read = api.get("/api/v1/customers/" + id, world.admin());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.raw()).doesNotContain(password).doesNotContain("\"password\"");
        assertThat(read.headers().firstValue("ETag")).isPresent();
        var asReseller = api.get("/api/v1/customers", TOKENS.reseller(world.reseller(), "AdminAgent"));
        assertThat(asReseller.body().get("totalCount").asLong()).isEqualTo(1);

        // The customer and the reseller's delegated administration are on the topic, without the password.
        List<ConsumerRecord<String, byte[]>> records = customerRecords(id, 2);
        List<String> types = records.stream().filter(r -> id.equals(r.key()))
                .map(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)).toList();
        assertThat(types).containsExactly("customer.CustomerCreated.v1", "customer.DelegatedAdminGranted.v1");
        String createdJson = new String(records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow()
                .value(), StandardCharsets.UTF_8);
        assertThat(createdJson).contains("initialOrder").contains(BASIC).contains(world.reseller().toString());

        // The password is nowhere but in that one answer: not in any table, the event store, Kafka or the logs.
        assertThat(records).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .doesNotContain(password));
        assertThat(everyTableAsText()).doesNotContain(password);
        String hash = jdbc.queryForObject("select password_hash from admin_credential where customer_id = ?::uuid",
                String.class, id);
        assertThat(hash).startsWith("$2").doesNotContain(password);
        assertThat(new BCryptPasswordEncoder().matches(password, hash)).as("the kept hash is the password's").isTrue();
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void theCustomerShowsItsInitialOrderFulfilledOnceSubscriptionServicePlacedIt() {
        World world = world();
        var created = api.post("/api/v1/customers", world.sales(), customerRequest(domain(), null,
                List.of(line(BASIC, 4, null))));
        assertThat(created.body().get("order").get("status").asText()).isEqualTo("accepted");
        UUID customer = UUID.fromString(created.body().get("id").asText());
        UUID order = UUID.fromString(created.body().get("order").get("orderId").asText());
        publish(Topics.SUBSCRIPTIONS, order.toString(), new OrderPlaced(UUID.randomUUID(), Instant.now(), order,
                customer, world.provider(), List.of(new OrderLine(1, BASIC, 4, null)), "initial", "sales"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "fulfilled".equals(api.get("/api/v1/customers/" + customer,
                world.admin()).body().get("order").get("status").asText()));
    }

    @Test
    void anInvalidLineLeavesNoCustomerAndNoEventAndEveryProblemIsListed() {
        World world = world();
        partner(world);
        awaitPartnership(world, true);
        long before = storedEvents();
        String domain = domain();
        var response = api.post("/api/v1/customers", world.sales(), customerRequest(domain, world.reseller(),
                List.of(line(BASIC, 10, world.pla()), line("NOPE:0001", 1, null), line(BASIC, 301, null),
                        line(BASIC, 1, world.pga()), line(BASIC, 1, world.providerPartnerId()),
                        line(BASIC, 1, "9999999999"))));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid-customer-request");
        JsonNode errors = response.body().get("errors");
        assertThat(errors).hasSize(5);
        assertThat(errors.toString()).contains("order.lineItems[1].offerId").contains("unknown-offer")
                .contains("order.lineItems[2].quantity").contains("quantity-out-of-range")
                .contains("order.lineItems[3].partnerIdOnRecord").contains("2204")
                .contains("order.lineItems[4].partnerIdOnRecord").contains("2072")
                .contains("order.lineItems[5].partnerIdOnRecord").contains("3000");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from customer where domain = ? or provider_tenant_id = ?",
                Long.class, domain, world.provider())).isZero();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyAnswersTheSameCustomerWithoutThePassword() {
        World world = world();
        String domain = domain();
        Map<String, Object> request = customerRequest(domain, null, List.of(line(BASIC, 5, null)));
        var first = api.send("POST", "/api/v1/customers", world.sales(), request, null, "retry-42");
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        long events = storedEvents();
        var second = api.send("POST", "/api/v1/customers", world.sales(), request, null, "retry-42");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(second.body().get("userCredentials").get("userName").asText()).isEqualTo("admin@" + domain);
        assertThat(second.body().get("userCredentials").get("password")).isNull();
        assertThat(storedEvents()).isEqualTo(events);
        // A key reused for another request is refused.
        var other = api.send("POST", "/api/v1/customers", world.sales(), customerRequest(domain(), null, null), null,
                "retry-42");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency-key-reused");
        // Without a key, the same request again is refused because the domain is taken: never two customers.
        var again = api.post("/api/v1/customers", world.sales(), request);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().get("errors").toString()).contains("domain-taken");
    }

    @Test
    void aRetryThatArrivesWhileTheFirstCreateRunsGetsTheFirstOutcomeNotDomainTaken() {
        World world = world();
        Map<String, Object> request = customerRequest(domain(), null, List.of(line(BASIC, 5, null)));
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<HttpApi.Response>> requests = IntStream.range(0, 5).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> api.send("POST", "/api/v1/customers", world.sales(), request,
                        null, key))).toList();
        List<HttpApi.Response> answers = requests.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpApi.Response::status).containsOnly(201, 200)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(answers).extracting(answer -> answer.body().get("id").asText())
                .containsOnly(answers.get(0).body().get("id").asText());
        assertThat(answers).filteredOn(answer -> answer.status() == 200)
                .allSatisfy(answer -> assertThat(answer.body().get("userCredentials").get("password")).isNull());
    }

    @Test
    void aProviderWhoseProfileIsNotRegisteredCannotCreateOrReviewCustomers() {
        long before = storedEvents();
        String unregistered = TOKENS.provider(UUID.randomUUID(), "GlobalAdmin");
        Map<String, Object> request = customerRequest(domain(), null, null);
        for (String path : List.of("/api/v1/customers", "/api/v1/customers/validation")) {
            HttpApi.Response refused = api.post(path, unregistered, request);
            assertThat(refused.status()).as(path).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("provider-not-registered");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void theReviewStepAnswersWhatWouldBeCreatedAndCreatesNothing() {
        World world = world();
        long before = storedEvents();
        String domain = domain();
        var preview = api.post("/api/v1/customers/validation", world.sales(),
                customerRequest(domain, null, List.of(line(BASIC, 3, null))));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().get("valid").asBoolean()).isTrue();
        assertThat(preview.body().get("adminUserName").asText()).isEqualTo("admin@" + domain);
        assertThat(preview.body().get("order").get("lineItems").get(0).get("offerName").asText())
                .isEqualTo("Microsoft 365 Business Basic");
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The review answers exactly what the create answers: the same status, code and list of problems. */
    @Test
    void theReviewAnswersWhatTheCreateWouldAnswer() {
        World world = world();
        String taken = domain();
        assertThat(api.post("/api/v1/customers", world.sales(), customerRequest(taken, null, null)).status())
                .isEqualTo(201);
        Map<String, Object> unknownField = customerRequest(domain(), null, null);
        unknownField.put("associatedPartnerID", world.reseller());
        Map<String, Object> badDomain = customerRequest("not a domain", null, null);
        List<Map<String, Object>> requests = List.of(
                customerRequest(taken.toUpperCase(), null, null),
                customerRequest(domain(), world.reseller(), List.of(line(BASIC, 3, world.pla()))),
                customerRequest(domain(), null, List.of(line(BASIC, 0, null), line("NOPE:0001", 1, null),
                        line(BASIC, 1, world.pga()), line(BASIC, 1, "9999999999"))),
                customerRequest(domain(), UUID.randomUUID(), List.of(line(AZURE_PLAN, 2, null))),
                unknownField, badDomain);
        for (Map<String, Object> request : requests) {
            long before = storedEvents();
            HttpApi.Response review = api.post("/api/v1/customers/validation", world.sales(), request);
            HttpApi.Response create = api.post("/api/v1/customers", world.sales(), request);
            assertThat(create.status()).as(create.raw()).isBetween(400, 499);
            assertThat(review.status()).as(request.toString()).isEqualTo(create.status());
            assertThat(review.code()).isEqualTo(create.code());
            assertThat(review.body().get("errors")).as(review.raw()).isEqualTo(create.body().get("errors"));
            assertThat(storedEvents()).isEqualTo(before);
        }
    }

    @Test
    void msRequestIdIsAnIdempotencyKeyToo() {
        World world = world();
        Map<String, Object> request = customerRequest(domain(), null, null);
        var first = api.withHeaders("POST", "/api/v1/customers", world.sales(), request,
                Map.of("MS-RequestId", "pc-request-1"));
        assertThat(first.status()).isEqualTo(201);
        long events = storedEvents();
        var retried = api.withHeaders("POST", "/api/v1/customers", world.sales(), request,
                Map.of("MS-RequestId", "pc-request-1"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(storedEvents()).isEqualTo(events);
        // Idempotency-Key and MS-RequestId name the same thing: sending both with different values is refused.
        var both = api.withHeaders("POST", "/api/v1/customers", world.sales(), customerRequest(domain(), null, null),
                Map.of("MS-RequestId", "a", "Idempotency-Key", "b"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.code()).isEqualTo("invalid-idempotency-key");
    }
}
