package com.cspchannel.system;

import com.cspchannel.infra.CustomerRequests;
import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.MailServer;
import com.cspchannel.infra.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of each of the four services (one database per service, shared by its replicas, one broker) and a
 * client sending a burst of mixed commands over both replicas of each: acceptances of partnership invitations,
 * customers with an initial order, subscription quantity changes, and customers for a reseller that is not
 * partnered (refused). While the burst goes on, one of three faults ({@link Fault}): one replica of each service
 * is killed with SIGKILL in turn; or stopped with SIGTERM in turn; or the PostgreSQL server that holds every
 * service's database is restarted, during which every replica reports not ready. The
 * client behaves as one behind a load balancer: a request that lost its connection, or got 503, is sent again to
 * the other replica with the same {@code Idempotency-Key}, until it gets an answer. Afterwards, every command that
 * got a 2xx is there exactly once:
 * <ul>
 *   <li>acceptances: in the event store and the provider's partnerships, once on the partnerships topic (by event
 *       id), in customer-service's copy, and one notification each, mailed once, or left {@code uncertain} and
 *       mailed at most once when its sender died during the SMTP exchange;</li>
 *   <li>customers: each once, with exactly the one subscription its order asked for;</li>
 *   <li>quantity changes: the subscription has the last acknowledged quantity, and the topic holds each change
 *       once, in the order the client made them;</li>
 *   <li>a refused command left nothing behind.</li>
 * </ul>
 */
class MixedLoadFailoverIT {

    private static final List<String> SERVICES = List.of("partnership", "customer", "subscription", "notification");

    private final SystemStack stack = SystemStack.get();

    /** Whatever a fault left stopped runs again, so that a failed case leaves the stack to the next one whole. */
    @AfterEach
    void everyServiceRunning() {
        for (String service : SERVICES) {
            if (!stack.service(service).isAlive()) {
                stack.service(service).start();
            }
        }
        SERVICES.forEach(service -> stack.service(service).awaitReady(Duration.ofSeconds(180)));
    }

    @AfterAll
    static void backToOneReplica() {
        SERVICES.forEach(SystemStack.get()::removeReplica);
    }

    /** The two replicas of a service, as a load balancer sees them; a killed one stays in rotation. */
    private record Balanced(String service, List<HttpApi> replicas) {

        /** Sends until a definitive answer (neither a lost connection nor 503), alternating replicas. */
        HttpApi.Response send(String method, String path, String token, Object body, String idempotencyKey)
                throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (int attempt = 0; ; attempt++) {
                HttpApi replica = replicas.get((attempt + (int) (System.nanoTime() & 1)) % replicas.size());
                try {
                    HttpApi.Response response = replica.send(method, path, token, body, null, idempotencyKey);
                    // 409 request-in-progress: the first attempt is still running on the other replica
                    if (response.status() != 503 && !"request-in-progress".equals(response.code())) {
                        return response;
                    }
                } catch (RuntimeException connectionLost) {
                    // the replica is gone, or went while answering: the other one gets the same key
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(service + ": no answer to " + method + " " + path + " within 90 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** What goes wrong during the burst. */
    enum Fault {
        /** One replica of each service is killed (SIGKILL) in turn, 3 s apart, and restarted after the burst. */
        SIGKILL_EACH_SERVICE,
        /** One replica of each service is stopped gracefully (SIGTERM) in turn, and restarted after the burst. */
        SIGTERM_EACH_SERVICE,
        /** The PostgreSQL server of every service's database is stopped for 10 s, longer than a consumer's bounded retries of a failing record, and started again. */
        DATABASE_RESTART
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyAnsweredCommandIsThereOnceAfterTheFault(Fault fault) throws Exception {
        Map<String, Balanced> api = new LinkedHashMap<>();
        for (String service : SERVICES) {
            api.put(service, new Balanced(service, List.of(stack.api(service),
                    new HttpApi(stack.replica(service).port()))));
        }
        HttpApi partnerships = stack.api("partnership");
        InvitedResellers invited = InvitedResellers.create(partnerships, 41);
        List<UUID> resellers = new ArrayList<>(invited.accept().keySet());
        UUID customersReseller = resellers.remove(0);
        assertThat(invited.accept(partnerships, customersReseller).status()).isEqualTo(201);
        String pla = invited.pla().get(customersReseller);
        await("customer-service knows the partnership").atMost(Duration.ofSeconds(60)).until(() -> stack
                .api("customer").post("/api/v1/customers/validation", invited.admin(),
                        InvitedResellers.customerFor(customersReseller)).status() == 200);
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String customer = api.get("customer").send("POST", "/api/v1/customers", invited.admin(),
                    CustomerRequests.newCustomer(customersReseller, pla), "setup-" + i).body().get("id").asText();
            subscriptions.add(firstSubscription(stack.api("subscription"), customer, invited.admin()));
        }

        String run = fault.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, String> accepted = new ConcurrentHashMap<>();
        Map<String, String> customers = new ConcurrentHashMap<>();
        Map<String, List<Integer>> quantities = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        UUID notPartnered = UUID.randomUUID();
        int refused = 0;
        AtomicBoolean killing = new AtomicBoolean(true);
        Set<Integer> notReadyWhileAway = ConcurrentHashMap.newKeySet();
        Thread killer = new Thread(() -> {
            try {
                if (fault == Fault.DATABASE_RESTART) {
                    Thread.sleep(3_000);
                    Thread database = new Thread(() -> stack.restartDatabase(Duration.ofSeconds(10)), "pg-restart");
                    database.start();
                    // which replicas say they are not ready while it is away: each asked on its own thread, since
                    // one readiness check may wait for a connection (3 s) and a round over all eight would then
                    // outlast the outage
                    List<Thread> watchers = new ArrayList<>();
                    for (String service : SERVICES) {
                        for (int port : List.of(stack.service(service).port(), stack.replica(service).port())) {
                            Thread watcher = new Thread(() -> {
                                HttpApi replica = new HttpApi(port);
                                while (database.isAlive()) {
                                    if (readiness(replica) == 503) {
                                        notReadyWhileAway.add(port);
                                    }
                                    try {
                                        Thread.sleep(200);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            }, "readiness-" + port);
                            watcher.start();
                            watchers.add(watcher);
                        }
                    }
                    for (Thread watcher : watchers) {
                        watcher.join();
                    }
                } else {
                    for (String service : SERVICES) {
                        Thread.sleep(3_000);
                        if (fault == Fault.SIGKILL_EACH_SERVICE) {
                            stack.service(service).kill();
                        } else {
                            stack.service(service).stop();
                        }
                    }
                }
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                killing.set(false);
            }
        }, "killer");
        try (Topic partnershipEvents = new Topic(stack.bootstrapServers(), "csp.partnerships.events");
             Topic subscriptionEvents = new Topic(stack.bootstrapServers(), "csp.subscriptions.events")) {
            killer.start();
            for (int i = 0; killing.get() || i < 8; i++) {
                String key = "mixed-" + run + "-" + i;
                switch (i % 4) {
                    case 0 -> {
                        if (!resellers.isEmpty()) {
                            UUID reseller = resellers.remove(0);
                            HttpApi.Response response = api.get("partnership").send("POST",
                                    invited.accept().get(reseller), TOKENS.reseller(reseller, "GlobalAdmin"), null,
                                    key);
                            if (answered(response, unexpected)) {
                                accepted.put(reseller, key);
                            }
                        }
                    }
                    case 1 -> {
                        HttpApi.Response response = api.get("customer").send("POST", "/api/v1/customers",
                                invited.admin(), CustomerRequests.newCustomer(customersReseller, pla), key);
                        if (answered(response, unexpected)) {
                            customers.put(key, response.body().get("id").asText());
                        }
                    }
                    case 2 -> {
                        String subscription = subscriptions.get(i / 4 % subscriptions.size());
                        // within the offer's 1 to 300 licenses however long the burst, never the one before and never
                        // the initial order's 3 (a change to the same quantity records no event)
                        int quantity = 10 + (i / 4) % 290;
                        HttpApi.Response response = api.get("subscription").send("PATCH", subscription,
                                invited.admin(), Map.of("quantity", quantity), key);
                        if (answered(response, unexpected)) {
                            quantities.computeIfAbsent(subscription, s -> new CopyOnWriteArrayList<>())
                                    .add(quantity);
                        }
                    }
                    default -> {
                        HttpApi.Response response = api.get("customer").send("POST", "/api/v1/customers",
                                invited.admin(), InvitedResellers.customerFor(notPartnered), key);
                        assertThat(response.status()).as(response.raw()).isEqualTo(422);
                        assertThat(response.body().get("errors").get(0).get("code").asText())
                                .isEqualTo("reseller-not-partnered");
                        refused++;
                    }
                }
            }
            killer.join();
            System.out.printf("mixed burst, %s: %d acceptances, %d customers, %d quantity changes answered 2xx, %d "
                            + "refused%n", fault, accepted.size(), customers.size(),
                    quantities.values().stream().mapToInt(List::size).sum(), refused);
            if (fault == Fault.DATABASE_RESTART) {
                for (String service : SERVICES) {
                    assertThat(notReadyWhileAway).as("%s's replicas reported not ready while the database was away",
                            service).contains(stack.service(service).port(), stack.replica(service).port());
                }
            }
            assertThat(unexpected).as("answers other than the command's 2xx").isEmpty();
            assertThat(accepted).hasSizeGreaterThan(5);
            assertThat(customers).hasSizeGreaterThan(5);
            assertThat(refused).isGreaterThan(5);
            for (String service : SERVICES) {
                if (!stack.service(service).isAlive()) {
                    stack.service(service).start();
                }
            }
            for (String service : SERVICES) {
                stack.service(service).awaitReady(Duration.ofSeconds(180));
            }

            // acceptances: once in the provider's partnerships, once on the topic, in customer-service, notified once
            JsonNode partnershipList = stack.api("partnership").get("/api/v1/partnerships?size=200",
                    invited.admin()).body().get("items");
            for (UUID reseller : accepted.keySet()) {
                long listed = 0;
                for (JsonNode partnership : partnershipList) {
                    listed += partnership.toString().contains(reseller.toString()) ? 1 : 0;
                }
                assertThat(listed).as("partnerships with reseller %s", reseller).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.keySet().stream().allMatch(reseller ->
                    partnershipEvents.ids("partnership.PartnershipAccepted.", "resellerTenantId",
                            reseller.toString()).size() == 1));
            for (UUID reseller : accepted.keySet()) {
                assertThat(stack.storedEvents("partnership", "PartnershipAccepted", reseller.toString()))
                        .as("acceptances of %s in the event store", reseller).isEqualTo(1);
                assertThat(stack.api("customer").post("/api/v1/customers/validation", invited.admin(),
                        InvitedResellers.customerFor(reseller)).status()).as("customer-service knows %s", reseller)
                        .isEqualTo(200);
            }
            String acceptedNotifications = "/api/v1/notifications?type=partnership_accepted&size=200";
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.api("notification").get(acceptedNotifications,
                    invited.admin()).body().get("totalCount").asLong() >= accepted.size() + 1);
            stack.awaitConsumed("notification-service", "csp.partnerships.events");
            assertThat(stack.api("notification").get(acceptedNotifications, invited.admin()).body()
                    .get("totalCount").asLong()).as("one notification per acceptance").isEqualTo(accepted.size() + 1);
            List<String> notificationIds = new ArrayList<>();
            stack.api("notification").get(acceptedNotifications, invited.admin()).body().get("items")
                    .forEach(item -> notificationIds.add(item.get("id").asText()));
            // Every notification settles: mailed once (sent), or uncertain when its sender was killed during the
            // SMTP exchange. Nothing waits for a lease: a killed replica's row locks go with its connections.
            await("every notification settled").atMost(Duration.ofSeconds(30)).until(() -> notificationIds.stream()
                    .allMatch(id -> Set.of("sent", "uncertain").contains(stack.api("notification")
                            .get("/api/v1/notifications/" + id, invited.admin()).body().get("status").asText())));
            long uncertain = 0;
            for (String id : notificationIds) {
                String status = stack.api("notification").get("/api/v1/notifications/" + id, invited.admin())
                        .body().get("status").asText();
                long mails = MailServer.shared().all().stream().filter(mail -> id.equals(mail.notificationId()))
                        .count();
                if (status.equals("sent")) {
                    assertThat(mails).as("mails of sent notification %s", id).isEqualTo(1);
                } else {
                    uncertain++;
                    assertThat(mails).as("mails of uncertain notification %s", id).isLessThanOrEqualTo(1);
                }
            }
            System.out.printf("notifications left uncertain by the kill: %d of %d%n", uncertain,
                    notificationIds.size());
            // only one a replica was sending at that instant: the one stopped, or each of the two when the database
            // went away
            assertThat(uncertain).as("uncertain notifications")
                    .isLessThanOrEqualTo(fault == Fault.DATABASE_RESTART ? 2 : 1);

            // customers: each once, with the one subscription its order asked for
            assertThat(stack.api("customer").get("/api/v1/customers?size=200&indirectReseller=" + customersReseller,
                    invited.admin()).body().get("totalCount").asLong()).as("customers, none twice")
                    .isEqualTo(customers.size() + subscriptions.size());
            stack.awaitConsumed("subscription-service.customers", "csp.customers.events");
            for (String customer : customers.values()) {
                assertThat(stack.storedEvents("customer", "CustomerCreated", customer))
                        .as("customer %s in the event store", customer).isEqualTo(1);
                String path = "/api/v1/customers/" + customer + "/subscriptions";
                await().atMost(Duration.ofSeconds(60)).until(() -> stack.api("subscription").get(path,
                        invited.admin()).body().path("items").size() > 0);
                JsonNode items = stack.api("subscription").get(path, invited.admin()).body().get("items");
                assertThat(items.size()).as("subscriptions of customer %s", customer).isEqualTo(1);
                assertThat(items.get(0).get("quantity").asInt()).isEqualTo(3);
            }
            assertThat(stack.api("customer").get("/api/v1/customers?size=200&indirectReseller=" + notPartnered,
                    invited.admin()).body().get("totalCount").asLong()).as("refused customers left nothing")
                    .isZero();
            assertThat(stack.storedEvents("customer", "CustomerCreated", notPartnered.toString()))
                    .as("refused customers in the event store").isZero();

            // quantity changes: the last acknowledged one holds, and the topic has each once, in order
            for (Map.Entry<String, List<Integer>> changes : quantities.entrySet()) {
                String subscriptionId = changes.getKey().substring(changes.getKey().lastIndexOf('/') + 1);
                assertThat(stack.api("subscription").get(changes.getKey(), invited.admin()).body().get("quantity")
                        .asInt()).isEqualTo(changes.getValue().get(changes.getValue().size() - 1));
                assertThat(stack.storedEvents("subscription", "SubscriptionQuantityChanged", subscriptionId))
                        .as("quantity changes of %s in the event store", subscriptionId)
                        .isEqualTo(changes.getValue().size());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subscriptionEvents.payloads(
                        "subscription.SubscriptionQuantityChanged.", "subscriptionId", subscriptionId).stream()
                        .map(event -> event.get("toQuantity").asInt()).toList())
                        .as("quantity changes of %s on the topic, once each and in order", subscriptionId)
                        .isEqualTo(changes.getValue()));
            }
        }
    }

    private static int readiness(HttpApi api) {
        try {
            return api.get("/actuator/health/readiness", null).status();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }

    /** Whether the command was done (2xx: 201, or 200 when a retry's key found it done already). */
    private static boolean answered(HttpApi.Response response, List<String> unexpected) {
        if (response.status() / 100 != 2) {
            unexpected.add(response.status() + " " + response.raw());
        }
        return response.status() / 100 == 2;
    }

    private static String firstSubscription(HttpApi subscriptions, String customer, String token) {
        String path = "/api/v1/customers/" + customer + "/subscriptions";
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions.get(path, token).body().path("items")
                .size() > 0);
        return path + "/" + subscriptions.get(path, token).body().get("items").get(0).get("id").asText();
    }

    /** Every record of a topic from now on, in offset order per partition, once per event id. */
    private static final class Topic implements AutoCloseable {
        private final Map<String, JsonNode> byEventId = new LinkedHashMap<>();
        private final Map<String, String> typeByEventId = new LinkedHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Topic(String bootstrapServers, String topic) {
            KafkaConsumer<String, byte[]> consumer = TopicWatcher.fromNow(bootstrapServers, topic);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                            String id = header(record.headers().lastHeader("ce_id").value());
                            synchronized (this) {
                                if (!byEventId.containsKey(id)) {
                                    byEventId.put(id, TopicWatcher.read(record.value()));
                                    typeByEventId.put(id, header(record.headers().lastHeader("ce_type").value()));
                                }
                            }
                        });
                    }
                }
            }, "topic-" + topic);
            thread.start();
        }

        /** The payloads of the events of a type about one aggregate, in the order they were published. */
        synchronized List<JsonNode> payloads(String typePrefix, String field, String value) {
            return ids(typePrefix, field, value).stream().map(byEventId::get).toList();
        }

        /** The event ids of the events of a type about one aggregate, in the order they were published. */
        synchronized List<String> ids(String typePrefix, String field, String value) {
            List<String> ids = new ArrayList<>();
            byEventId.forEach((id, payload) -> {
                if (typeByEventId.get(id).startsWith(typePrefix) && value.equals(payload.path(field).asText())) {
                    ids.add(id);
                }
            });
            return ids;
        }

        private static String header(byte[] value) {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
