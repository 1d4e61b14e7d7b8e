package com.cspchannel.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, one node acting as broker and controller) running as its own process from
 * the Maven artifacts on the class path. It can be stopped, killed and started again on the same ports
 * and data, which is how tests prove that nothing is lost during a broker outage.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    private final String heap;
    private Process process;

    public KafkaBroker(Path dataDir, int port, int controllerPort, int defaultPartitions, String heap) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
        this.heap = heap;
    }

    /** A broker on free ports with its data in a new temporary directory. */
    public static KafkaBroker onFreePorts() {
        try {
            return new KafkaBroker(Files.createTempDirectory("csp-kafka-"), FreePorts.next(), FreePorts.next(), 3,
                    "512m");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats the storage on first use, starts the broker and waits until it answers. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Path config = writeConfig();
            Path logback = writeLogbackConfig();
            List<String> jvm = List.of("-Xms128m", "-Xmx" + heap, "-XX:+UseSerialGC",
                    "-Dlogback.configurationFile=" + logback, "-Dlog4j.configuration=file:" + writeLog4jConfig());
            Path clusterIdFile = dataDir.resolve("cluster-id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(clusterIdFile).trim();
            Process format = JavaProcess.start("kafka.tools.StorageTool", jvm,
                    List.of("format", "--ignore-formatted", "-t", clusterId, "-c", config.toString()), Map.of(),
                    logFile());
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + logFile());
            }
            process = JavaProcess.start("kafka.Kafka", jvm, List.of(config.toString()), Map.of(), logFile());
            awaitReady(Duration.ofSeconds(90));
            log.info("Kafka broker ready at {} (data {}, log {})", bootstrapServers(), dataDir, logFile());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        terminate(false);
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        terminate(true);
    }

    private void terminate(boolean forcibly) {
        if (process == null) {
            return;
        }
        JavaProcess.terminate(process, forcibly, java.time.Duration.ofSeconds(60));
        process = null;
    }

    /** Creates topics that do not exist yet; {@code retentionMs} -1 keeps records forever. */
    public void createTopics(List<String> names, int partitions, long retentionMs) {
        try (Admin admin = admin()) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitions, (short) 1)
                        .configs(Map.of("retention.ms", Long.toString(retentionMs)));
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see "
                        + logFile());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + logFile());
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                "num.partitions=" + defaultPartitions,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // consumers may ask for a 3 s session (Kafka's minimum is 6 s): a killed replica's partitions move
                // to a survivor within the 5 s the services promise
                "group.min.session.timeout.ms=1000",
                "auto.create.topics.enable=true",
                "log.retention.hours=-1",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private Path writeLogbackConfig() throws IOException {
        Path file = dataDir.resolve("logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                </configuration>
                """);
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dataDir.resolve("log4j.properties");
        Files.writeString(file, """
                log4j.rootLogger=WARN, stdout
                log4j.appender.stdout=org.apache.log4j.ConsoleAppender
                log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
                log4j.appender.stdout.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                """);
        return file;
    }

    @Override
    public void close() {
        stop();
    }
}
