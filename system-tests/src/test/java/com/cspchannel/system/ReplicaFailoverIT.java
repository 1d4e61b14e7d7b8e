package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the partnership service over one database and one broker, as the chart runs them, with a client
 * enrolling resellers on both. Both replicas carry relay work; when one is killed with SIGKILL the survivor takes
 * its relay segments over within seconds, and when one stops gracefully it hands them over at once. Every
 * enrolment that got a 2xx is in the event store and on the topic exactly once (by event id).
 */
class ReplicaFailoverIT {
    // Set-up goes through the generated clients (InvitedResellers, Enrolments); raw HTTP stays where a replica is
    // killed or stopped mid-request, the same Idempotency-Key is sent to two replicas at once, and raw statuses
    // and lost connections are what is counted.

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "csp.partnerships.events";
    private static final Pattern SEGMENTS = Pattern.compile("(?m)^csp_relay_segments_claimed\\{[^}]*} ([0-9.]+)$");

    private final SystemStack stack = SystemStack.get();
    private final String directory = TOKENS.platform("DirectoryAdmin");

    @AfterAll
    static void backToOneReplica() {
        List.of("partnership", "customer", "subscription", "notification").forEach(SystemStack.get()::removeReplica);
    }

    @Test
    void theRelayIsSharedByTwoReplicasAndMovesToTheSurvivorWithinSeconds() throws Exception {
        ServiceProcess first = stack.service("partnership");
        ServiceProcess second = stack.replica("partnership");
        await("each replica holds one of the two relay segments").atMost(Duration.ofSeconds(30))
                .until(() -> segments(first) == 1 && segments(second) == 1);

        try (TopicWatcher topic = new TopicWatcher(stack.bootstrapServers());
             Enrolments load = new Enrolments(directory)) {
            load.sendTo(first, second);
            Thread.sleep(3000);

            // SIGKILL: no goodbye; the survivor takes the dead replica's segment once its claim expires
            long killedAt = System.nanoTime();
            load.sendTo(second);
            first.kill();
            Thread.sleep(10_000);
            load.sendTo();
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.seenAll(load.answered.keySet()));
            double failover = topic.slowest(load.answered, killedAt);
            System.out.printf("relay failover after SIGKILL: slowest 2xx to topic %.2f s%n", failover);
            assertThat(failover).as("seconds from a 2xx to its event on the topic after the kill").isLessThan(10);
            assertThat(segments(second)).as("the survivor holds both segments").isEqualTo(2);

            // back to two: the restarted replica gets its share again
            first.start().awaitReady(Duration.ofSeconds(180));
            await("the segments are shared again").atMost(Duration.ofSeconds(30))
                    .until(() -> segments(first) == 1 && segments(second) == 1);
            load.sendTo(first, second);
            Thread.sleep(2000);

            // SIGTERM: requests in flight complete, and the claims are handed over as the replica stops
            long stoppedAt = System.nanoTime();
            load.sendTo(first);
            second.stop();
            Thread.sleep(5000);
            load.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.seenAll(load.answered.keySet()));
            double handover = topic.slowest(load.answered, stoppedAt);
            System.out.printf("relay handover after SIGTERM: slowest 2xx to topic %.2f s%n", handover);
            assertThat(handover).as("seconds from a 2xx to its event on the topic after a graceful stop")
                    .isLessThan(4);

            // exact accounting: every 2xx once in the store and once on the topic (de-duplicated by event id)
            assertThat(load.answered).hasSizeGreaterThan(100);
            assertThat(load.refused).as("no answer but 2xx or a lost connection").isEmpty();
            HttpApi survivor = new HttpApi(first.port());
            for (UUID reseller : load.answered.keySet()) {
                assertThat(survivor.get("/api/v1/resellers/" + reseller, directory).status()).isEqualTo(200);
                assertThat(topic.eventIds(reseller)).as("event ids of reseller %s on the topic", reseller)
                        .hasSize(1);
            }
            // a request the kill cut off may or may not have happened, but never twice
            for (UUID reseller : load.unanswered) {
                assertThat(topic.eventIds(reseller).size()).isLessThanOrEqualTo(1);
            }
        }
    }

    /**
     * Two replicas of the customer and notification services share their consumer groups' partitions; one of each
     * is killed with SIGKILL in a burst of acceptances. The survivors take the partitions over after the session
     * timeout, and every acceptance reaches customer-service's partner view and makes exactly one notification.
     */
    @Test
    void consumersMoveToTheSurvivingReplicasAndApplyEveryEventOnce() throws Exception {
        HttpApi partnerships = stack.api("partnership");
        InvitedResellers invited = InvitedResellers.create(partnerships, 30);
        ServiceProcess customer = stack.service("customer");
        ServiceProcess notification = stack.service("notification");
        HttpApi customers = new HttpApi(stack.replica("customer").port());
        HttpApi notifications = new HttpApi(stack.replica("notification").port());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            for (String group : List.of("customer-service.partner-view", "notification-service")) {
                await("both replicas of " + group + " read partitions").atMost(Duration.ofSeconds(60))
                        .until(() -> admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()
                                .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count() == 2);
            }
        }

        Map<UUID, Long> accepted = new ConcurrentHashMap<>();
        Map<UUID, Long> partnered = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                accepted.keySet().stream().filter(r -> !partnered.containsKey(r)).forEach(reseller -> {
                    if (customers.post("/api/v1/customers/validation", invited.admin(),
                            InvitedResellers.customerFor(reseller)).status() == 200) {
                        partnered.putIfAbsent(reseller, System.nanoTime());
                    }
                });
            }
        }, "partner-view-watcher");
        watcher.start();
        long killedAt = 0;
        for (UUID reseller : invited.accept().keySet()) {
            HttpApi.Response response = invited.accept(partnerships, reseller);
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            accepted.put(reseller, System.nanoTime());
            if (accepted.size() == 10) {
                customer.kill();
                notification.kill();
                killedAt = System.nanoTime();
            }
            Thread.sleep(250);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> partnered.keySet().containsAll(accepted.keySet()));
        watching.set(false);
        watcher.join(10_000);
        long since = killedAt;
        double failover = accepted.entrySet().stream().filter(e -> e.getValue() >= since)
                .mapToLong(e -> partnered.get(e.getKey()) - e.getValue()).max().orElseThrow() / 1e9;
        System.out.printf("consumer failover after SIGKILL: slowest acceptance to customer-service's view %.2f s%n",
                failover);
        assertThat(failover).as("seconds from an acceptance to customer-service's view after the kill")
                .isLessThan(10);

        String acceptedNotifications = "/api/v1/notifications?type=partnership_accepted&size=200";
        await().atMost(Duration.ofSeconds(60)).until(() -> notifications.get(acceptedNotifications,
                invited.admin()).body().get("totalCount").asLong() >= accepted.size());
        stack.awaitConsumed("notification-service", TOPIC);
        assertThat(notifications.get(acceptedNotifications, invited.admin()).body().get("totalCount").asLong())
                .as("one notification per acceptance, none twice").isEqualTo(accepted.size());

        customer.start().awaitReady(Duration.ofSeconds(180));
        notification.start().awaitReady(Duration.ofSeconds(180));
    }

    /**
     * One Idempotency-Key sent to both replicas of customer-service at the same moment: one of them creates the
     * customer, the other answers the same customer or 409 {@code request-in-progress}, and never a second one.
     */
    @Test
    void oneIdempotencyKeyOnTwoReplicasAtOnceCreatesOneCustomer() throws Exception {
        InvitedResellers provider = InvitedResellers.create(stack.api("partnership"), 0);
        HttpApi first = stack.api("customer");
        HttpApi second = new HttpApi(stack.replica("customer").port());
        await("customer-service knows the new provider").atMost(Duration.ofSeconds(60)).until(() -> first.post(
                "/api/v1/customers/validation", provider.admin(), InvitedResellers.customerFor(null)).status() == 200);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                String key = "create-" + UUID.randomUUID();
                Map<String, Object> body = InvitedResellers.customerFor(null);
                var one = clients.submit(() -> first.send("POST", "/api/v1/customers", provider.admin(), body, null,
                        key));
                var other = clients.submit(() -> second.send("POST", "/api/v1/customers", provider.admin(), body,
                        null, key));
                List<HttpApi.Response> answers = List.of(one.get(), other.get());
                assertThat(answers).extracting(HttpApi.Response::status).as("%s", answers.stream()
                        .map(HttpApi.Response::raw).toList()).containsOnlyOnce(201).allMatch(s -> s == 201
                        || s == 200 || s == 409);
                answers.stream().filter(a -> a.status() == 200).forEach(replayed -> assertThat(replayed.body()
                        .get("id")).isEqualTo(answers.stream().filter(a -> a.status() == 201).findFirst()
                        .orElseThrow().body().get("id")));
            }
        } finally {
            clients.shutdown();
        }
        assertThat(first.get("/api/v1/customers?size=50", provider.admin()).body().get("totalCount").asLong())
                .as("one customer per key").isEqualTo(10);
    }

    /**
     * A rebuild of the associations view started on one replica of partnership-service: the other refuses a second
     * one, and after the switch both answer from the rebuilt generation the same as before.
     */
    @Test
    void aRebuildStartedOnOneReplicaIsBuiltOnceAndServedByBoth() {
        HttpApi first = stack.api("partnership");
        HttpApi second = new HttpApi(stack.replica("partnership").port());
        InvitedResellers invited = InvitedResellers.create(first, 1);
        UUID reseller = invited.accept().keySet().iterator().next();
        assertThat(invited.accept(first, reseller).status()).isEqualTo(201);
        String associations = "/api/v1/resellers/" + reseller + "/associations";
        String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");
        await().atMost(Duration.ofSeconds(60)).until(() -> second.get(associations, resellerAdmin).body()
                .get("counts").get("partnership").asLong() == 1);
        String before = second.get(associations, resellerAdmin).raw();
        String operator = TOKENS.platform("Operator");
        String rebuild = "/api/v1/operations/associations/rebuild";
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(first.get(rebuild, operator).body()
                .get("state").asText()));

        HttpApi.Response started = first.post(rebuild, operator, null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        int generation = started.body().get("buildingGeneration").asInt();
        HttpApi.Response again = second.post(rebuild, operator, null);
        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("rebuild-running");

        await().atMost(Duration.ofSeconds(120)).until(() -> {
            var status = second.get(rebuild, operator).body();
            return "completed".equals(status.get("state").asText())
                    && status.get("activeGeneration").asInt() == generation;
        });
        assertThat(second.get(associations, resellerAdmin).raw()).isEqualTo(before);
        assertThat(first.get(associations, resellerAdmin).raw()).isEqualTo(before);
    }

    /**
     * Two replicas of subscription-service fulfil the initial orders of new customers; one is killed with SIGKILL
     * in a burst of customer creations. Every customer ends with exactly the subscription its order asked for,
     * none missing and none twice.
     */
    @Test
    void initialOrdersAreFulfilledExactlyOnceAcrossASigkillOfAReplica() throws Exception {
        HttpApi partnerships = stack.api("partnership");
        HttpApi customers = stack.api("customer");
        InvitedResellers invited = InvitedResellers.create(partnerships, 1);
        UUID reseller = invited.accept().keySet().iterator().next();
        String pla = invited.pla().get(reseller);
        assertThat(invited.accept(partnerships, reseller).status()).isEqualTo(201);
        ServiceProcess subscription = stack.service("subscription");
        HttpApi survivor = new HttpApi(stack.replica("subscription").port());
        await("customer-service knows the partnership").atMost(Duration.ofSeconds(60)).until(() -> customers.post(
                "/api/v1/customers/validation", invited.admin(), InvitedResellers.customerFor(reseller))
                .status() == 200);

        List<String> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpApi.Response response = customers.post("/api/v1/customers", invited.admin(),
                    com.cspchannel.infra.CustomerRequests.newCustomer(reseller, pla));
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            created.add(response.body().get("id").asText());
            if (created.size() == 10) {
                subscription.kill();
            }
            Thread.sleep(150);
        }
        for (String customer : created) {
            String path = "/api/v1/customers/" + customer + "/subscriptions";
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                HttpApi.Response list = survivor.get(path, invited.admin());
                return list.status() == 200 && list.body().get("items").size() > 0;
            });
        }
        stack.awaitConsumed("subscription-service.customers", "csp.customers.events");
        for (String customer : created) {
            var items = survivor.get("/api/v1/customers/" + customer + "/subscriptions", invited.admin()).body()
                    .get("items");
            assertThat(items.size()).as("subscriptions of customer %s", customer).isEqualTo(1);
            assertThat(items.get(0).get("quantity").asInt()).isEqualTo(3);
        }
        subscription.start().awaitReady(Duration.ofSeconds(180));
    }

    /** The replica's {@code csp_relay_segments_claimed} gauge, from its Prometheus endpoint. */
    private static int segments(ServiceProcess replica) {
        try {
            String scrape = new HttpApi(replica.port()).get("/actuator/prometheus", null).raw();
            Matcher matcher = SEGMENTS.matcher(scrape);
            return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
        } catch (RuntimeException notUp) {
            return -1;
        }
    }
}
