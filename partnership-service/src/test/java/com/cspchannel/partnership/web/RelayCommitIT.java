package com.cspchannel.partnership.web;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.SharedInfrastructure;
import com.cspchannel.partnership.PartnershipServiceApplication;
import com.cspchannel.partnership.command.DirectoryService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay learns of commits from PostgreSQL, not by polling: here its poll is an hour, so an event reaches
 * Kafka only if the commit was announced. And it reads the event store with gap-aware tokens: an event of a
 * transaction that took its global index early and commits late is still published, exactly once, and one that
 * rolls back leaves nothing on the topic and does not hold the relay up.
 */
@SpringBootTest(classes = PartnershipServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RelayCommitIT {

    private static final KafkaBroker BROKER = KafkaBroker.onFreePorts().start();
    private static final String TOPIC = "csp.partnerships.events";

    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    private KafkaConsumer<String, byte[]> consumer;
    /** Every public event id seen on the topic, with how many times. */
    private final Map<String, Integer> published = new HashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.freshDatabaseProperties("partnership_relay_commit_it")
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
        registry.add("csp.relay.poll", () -> "1h");
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @BeforeEach
    void subscribe() {
        consumer = SharedInfrastructure.plainConsumer(BROKER.bootstrapServers());
        consumer.subscribe(List.of(TOPIC));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void anEventCommittedWhileTheRelayIsIdleIsPublishedThoughItNeverPolls() {
        enrol();
        await().atMost(Duration.ofSeconds(60)).until(() -> relayedPosition() >= headPosition());
        // idle now: its next poll is an hour away, and Axon's coordinator, when it runs, finds nothing announced
        for (int i = 0; i < 3; i++) {
            UUID reseller = enrol();
            String eventId = publicEventIdsOf(reseller).get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> poll().containsKey(eventId));
        }
    }

    @Test
    void aLongTransactionsEventIsPublishedWhenItCommitsAndARolledBackOneNever() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UUID late = UUID.randomUUID();
        // takes its global index now and commits only after later transactions did
        CompletableFuture<Void> longTransaction = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            enrol(late);
            appended.countDown();
            awaitQuietly(release);
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            enrol(rolledBack);
            status.setRollbackOnly();
        });
        List<UUID> after = List.of(enrol(), enrol(), enrol());
        List<String> afterIds = after.stream().flatMap(r -> publicEventIdsOf(r).stream()).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> poll().keySet().containsAll(afterIds));
        assertThat(publicEventIdsOf(late)).as("not committed yet").isEmpty();

        release.countDown();
        longTransaction.get(30, TimeUnit.SECONDS);
        List<String> lateIds = publicEventIdsOf(late);
        assertThat(lateIds).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> poll().keySet().containsAll(lateIds));
        // and the relay goes on after the gap it had to keep open
        UUID last = enrol();
        await().atMost(Duration.ofSeconds(30)).until(() -> poll().keySet().containsAll(publicEventIdsOf(last)));

        poll();
        assertThat(publicEventIdsOf(rolledBack)).isEmpty();
        for (String id : concat(lateIds, afterIds)) {
            assertThat(published.get(id)).as("copies of " + id).isEqualTo(1);
        }
        assertThat(published).as("only events of the store are published")
                .containsOnlyKeys(allPublicEventIds().toArray(String[]::new));
    }

    private Map<String, Integer> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            published.merge(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8), 1,
                    Integer::sum);
        }
        return published;
    }

    private UUID enrol() {
        UUID reseller = UUID.randomUUID();
        enrol(reseller);
        return reseller;
    }

    private void enrol(UUID reseller) {
        String digits = Long.toString(Math.abs(reseller.getMostSignificantBits()) % 9_000_000 + 1_000_000);
        directory.enrol(reseller, "Reseller " + digits, "r" + digits + "@example.org", "DE", "Europe",
                List.of("5" + digits), "6" + digits, null);
    }

    private List<String> publicEventIdsOf(UUID aggregate) {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'eventId' from domain_event_entry
                where aggregate_identifier = ? order by sequence_number""", String.class, aggregate.toString());
    }

    private List<String> allPublicEventIds() {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'eventId' from domain_event_entry
                order by global_index""", String.class);
    }

    private long headPosition() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    private long relayedPosition() {
        Long position = jdbc.queryForObject("""
                select coalesce(min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint), 0)
                from token_entry where processor_name = 'kafka-relay' and token is not null""", Long.class);
        return position == null ? 0 : position;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
