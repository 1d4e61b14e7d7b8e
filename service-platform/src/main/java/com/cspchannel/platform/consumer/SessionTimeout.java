package com.cspchannel.platform.consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The session timeout of the consumers' group membership, which is how long the partitions of a killed replica
 * stay unassigned before a survivor takes them over. It is the wanted value ({@code csp.consumer.session-timeout},
 * 3 s) unless the brokers refuse one that short: a consumer asking for less than the broker's
 * {@code group.min.session.timeout.ms} (6 s unless the operator lowered it) is not let into the group at all, so
 * the brokers' minimum is asked for then. When the brokers cannot be asked (not reachable yet, or the client may
 * not describe their configuration), Kafka's default minimum is assumed, since it is accepted by every broker that
 * was not configured otherwise.
 */
final class SessionTimeout {

    static final String BROKER_MINIMUM = "group.min.session.timeout.ms";
    /** Kafka's default of {@link #BROKER_MINIMUM}. */
    static final Duration KAFKA_DEFAULT_MINIMUM = Duration.ofSeconds(6);
    private static final Logger log = LoggerFactory.getLogger(SessionTimeout.class);
    private static final long TIMEOUT_SECONDS = 5;

    private SessionTimeout() {
    }

    static Duration resolve(Admin admin, Duration wanted) {
        Duration minimum;
        try {
            minimum = brokersMinimum(admin);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            minimum = KAFKA_DEFAULT_MINIMUM;
            log.warn("Could not read the brokers' {} ({}); assuming Kafka's default, {} ms", BROKER_MINIMUM,
                    e.getClass().getSimpleName(), minimum.toMillis());
        }
        Duration timeout = wanted.compareTo(minimum) >= 0 ? wanted : minimum;
        if (!timeout.equals(wanted)) {
            log.info("Consumer session timeout {} ms: the brokers refuse less than that ({}), {} ms was wanted; "
                    + "a killed replica's partitions move after it", timeout.toMillis(), BROKER_MINIMUM,
                    wanted.toMillis());
        }
        return timeout;
    }

    /** The heartbeat interval for a session timeout: a third of it, as Kafka advises. */
    static Duration heartbeat(Duration sessionTimeout) {
        return sessionTimeout.dividedBy(3);
    }

    private static Duration brokersMinimum(Admin admin) throws Exception {
        Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> brokers = new ArrayList<>();
        nodes.forEach(node -> brokers.add(new ConfigResource(ConfigResource.Type.BROKER, node.idString())));
        Map<ConfigResource, Config> configs = admin.describeConfigs(brokers).all().get(TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
        Duration minimum = Duration.ZERO;
        for (Config config : configs.values()) {
            ConfigEntry entry = config.get(BROKER_MINIMUM);
            Duration broker = entry == null || entry.value() == null ? KAFKA_DEFAULT_MINIMUM
                    : Duration.ofMillis(Long.parseLong(entry.value()));
            // the strictest broker decides: a consumer may join the group through any of them
            minimum = broker.compareTo(minimum) > 0 ? broker : minimum;
        }
        return configs.isEmpty() ? KAFKA_DEFAULT_MINIMUM : minimum;
    }
}
