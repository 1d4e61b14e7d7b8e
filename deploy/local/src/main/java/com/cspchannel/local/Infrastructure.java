package com.cspchannel.local;

import com.cspchannel.events.Topics;
import com.cspchannel.infra.KafkaBroker;
import com.cspchannel.infra.MailServer;
import com.cspchannel.infra.Postgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the services need: PostgreSQL (POSTGRES_URL, else the server on 127.0.0.1:5432, else an embedded one) with
 * a database per service, a Kafka broker (KAFKA_BOOTSTRAP_SERVERS, else one started here) with the public
 * topics, and an SMTP server with a mailbox (SPRING_MAIL_HOST, else one started here). Stops only what it started.
 */
final class Infrastructure {

    static final List<String> TOPICS = List.of(Topics.PARTNERSHIPS, Topics.CUSTOMERS, Topics.SUBSCRIPTIONS);

    private final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private final StackDirectory dir;
    private final Shutdown shutdown;

    private Postgres postgres;
    private boolean embeddedPostgres;
    private KafkaBroker broker;
    private String bootstrapServers;
    private MailServer mail;

    Infrastructure(StackDirectory dir, Shutdown shutdown) {
        this.dir = dir;
        this.shutdown = shutdown;
    }

    Postgres postgres() {
        return postgres;
    }

    boolean embeddedPostgres() {
        return embeddedPostgres;
    }

    /** The broker this stack started; null when it uses KAFKA_BOOTSTRAP_SERVERS. */
    KafkaBroker broker() {
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The log of the broker to be started: null when an external broker is used. */
    Path brokerLog() {
        return Env.isSet("KAFKA_BOOTSTRAP_SERVERS") ? null : dir.state.resolve("kafka").resolve("broker.log");
    }

    void startPostgres() {
        log.info("starting PostgreSQL… (POSTGRES_URL if set, else 127.0.0.1:5432 if it answers, else an embedded "
                + "server with its data in {})", dir.display(dir.state.resolve("postgres")));
        Postgres found = Postgres.findOrStart(dir.state.resolve("postgres"));
        try {
            shutdown.unlessRequested(() -> postgres = found);
        } catch (StartupFailure interrupted) {
            found.close(); // Ctrl-C came while it started: the stop no longer looks for it
            throw interrupted;
        }
        String url = found.jdbcUrl("postgres");
        embeddedPostgres = !Env.isSet("POSTGRES_URL") && !url.startsWith("jdbc:postgresql://127.0.0.1:5432/");
        log.info("PostgreSQL ready ({}, user {}{})", url, found.user(),
                embeddedPostgres ? ", embedded, data in " + dir.display(dir.state.resolve("postgres")) : "");
    }

    void createDatabases(List<ServiceSpec> services) {
        for (ServiceSpec service : services) {
            String url = postgres.createDatabaseIfMissing(service.database());
            log.info("database {} ready ({})", service.database(), url);
        }
    }

    void startKafka() {
        int partitions = Env.number("TOPIC_PARTITIONS", 3);
        if (Env.isSet("KAFKA_BOOTSTRAP_SERVERS")) {
            bootstrapServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS").trim();
            log.info("using the Kafka broker at {} (KAFKA_BOOTSTRAP_SERVERS); not starting one", bootstrapServers);
            createTopics(bootstrapServers, partitions);
        } else {
            int port = Env.port("KAFKA_PORT", 19092);
            int controllerPort = Env.port("KAFKA_CONTROLLER_PORT", port + 1);
            Env.requireFree(port, "Kafka broker", "KAFKA_PORT");
            Env.requireFree(controllerPort, "Kafka controller", "KAFKA_CONTROLLER_PORT");
            Path dataDir = dir.state.resolve("kafka");
            log.info("starting Kafka broker on 127.0.0.1:{}… (controller port {}, data in {})", port, controllerPort,
                    dir.display(dataDir));
            KafkaBroker starting = new KafkaBroker(dataDir, port, controllerPort, partitions, Env.or("KAFKA_HEAP", "512m"));
            shutdown.unlessRequested(() -> broker = starting);
            broker.start();
            Lock.recordChildren(dir.state, dataDir.toString(), "kafka-broker");
            dir.linkLog("kafka.log", broker.logFile());
            bootstrapServers = broker.bootstrapServers();
            log.info("Kafka ready ({})", bootstrapServers);
            broker.createTopics(TOPICS, partitions, -1);
        }
        log.info("topics ready: {} ({} partitions each unless they existed, unlimited retention)",
                String.join(", ", TOPICS), partitions);
    }

    /** Topics on a broker this stack did not start; replication as the broker's default. */
    private static void createTopics(String bootstrapServers, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
            for (String name : TOPICS) {
                NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty())
                        .configs(Map.of("retention.ms", "-1"));
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StartupFailure("cannot create topic " + name + ": " + e.getCause().getMessage());
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupFailure("the Kafka broker at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS) does "
                    + "not answer: " + (e.getCause() == null ? e : e.getCause()).getMessage(), "Kafka broker", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    /** After the services: the broker (if started here), then PostgreSQL (an embedded server stops). */
    /**
     * The mailbox the notifications are delivered to: a real SMTP server here (SMTP_PORT, 2525; IMAP_PORT, 2143)
     * that keeps each mail as an {@code .eml} file in .local/mail/, unless SPRING_MAIL_HOST names an SMTP server of
     * one's own (then the notification service sends there and nothing is started).
     */
    void startMail() {
        if (Env.isSet("SPRING_MAIL_HOST")) {
            log.info("notifications go to the SMTP server {} (SPRING_MAIL_HOST); not starting one",
                    System.getenv("SPRING_MAIL_HOST"));
            return;
        }
        int smtp = Env.port("SMTP_PORT", 2525);
        int imap = Env.port("IMAP_PORT", 2143);
        Env.requireFree(smtp, "SMTP server", "SMTP_PORT");
        Env.requireFree(imap, "IMAP server", "IMAP_PORT");
        mail = new MailServer(smtp, imap).start();
        Thread saver = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    mail.saveTo(mailDirectory());
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("cannot save the received mails in {}: {}", dir.display(mailDirectory()),
                            e.getMessage());
                }
            }
        }, "mail-saver");
        saver.setDaemon(true);
        saver.start();
        log.info("SMTP server on 127.0.0.1:{} (IMAP {}); mails are kept in {}", smtp, imap,
                dir.display(mailDirectory()));
    }

    /** The SMTP server this stack started; null when SPRING_MAIL_HOST names another. */
    MailServer mail() {
        return mail;
    }

    Path mailDirectory() {
        return dir.state.resolve("mail");
    }

    void stop() {
        if (mail != null) {
            mail.saveTo(mailDirectory());
            mail.stop();
        }
        if (broker != null) {
            broker.stop();
            log.info("Kafka broker stopped");
        }
        if (postgres != null) {
            postgres.close();
            if (embeddedPostgres) {
                log.info("embedded PostgreSQL stopped");
            }
        }
    }
}
