package com.cspchannel.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * A PostgreSQL server to hold the services' databases: the one named by {@code POSTGRES_URL} (with
 * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}) when set, else the one on 127.0.0.1:5432 when it
 * answers, else a Testcontainers PostgreSQL where a Docker engine runs, else an embedded one started in this
 * JVM. The embedded server turns fsync off: never benchmark on it.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String serverUrl;
    private final String user;
    private final String password;
    private EmbeddedPostgres embedded;
    private final AutoCloseable container;
    private Path ownDataDirectory; // set for a server of embeddedOwn, the only kind that may be restarted

    private Postgres(String serverUrl, String user, String password, EmbeddedPostgres embedded) {
        this(serverUrl, user, password, embedded, null);
    }

    private Postgres(String serverUrl, String user, String password, EmbeddedPostgres embedded,
                     AutoCloseable container) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.container = container;
    }

    /**
     * Finds or starts a server.
     *
     * @param embeddedDataDir where an embedded server keeps its data (kept across restarts), or null for a
     *                        throw-away directory
     */
    public static Postgres findOrStart(Path embeddedDataDir) {
        return findOrStart(embeddedDataDir, System::getenv);
    }

    /** {@link #findOrStart(Path)} with the environment variables {@code env} gives (tests choose them). */
    static Postgres findOrStart(Path embeddedDataDir, Function<String, String> env) {
        String configured = env.apply("POSTGRES_URL");
        String user = envOr(env, "POSTGRES_USER", "postgres");
        String password = envOr(env, "POSTGRES_PASSWORD", "");
        if (configured != null && !configured.isBlank()) {
            Postgres postgres = new Postgres(configured, user, password, null);
            postgres.check();
            log.info("Using PostgreSQL at POSTGRES_URL {}", configured);
            return postgres;
        }
        Postgres local = new Postgres(LOCAL_URL, user, password, null);
        if (local.answers()) {
            log.info("Using PostgreSQL at {}", LOCAL_URL);
            return local;
        }
        if (embeddedDataDir == null && dockerAvailable()) {
            org.testcontainers.containers.PostgreSQLContainer<?> container =
                    new org.testcontainers.containers.PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            log.info("No PostgreSQL answered at {}: started one with Testcontainers at {}", LOCAL_URL,
                    container.getJdbcUrl());
            return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null,
                    container::stop);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (embeddedDataDir != null) {
                builder.setDataDirectory(embeddedDataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres started = builder.start();
            String url = "jdbc:postgresql://127.0.0.1:" + started.getPort() + "/postgres";
            log.warn("No PostgreSQL answered at {}: started an embedded one at {} (fsync off; for development only)",
                    LOCAL_URL, url);
            return new Postgres(url, "postgres", "", started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * An embedded server of the caller's own, on {@code port} with its data in {@code dataDir} (a new directory):
     * what a test that stops and starts the database uses, never a shared server. fsync is off.
     */
    public static Postgres embeddedOwn(Path dataDir, int port) {
        try {
            // not "clean": a clean server deletes its data when it stops, and a restart must find it
            EmbeddedPostgres started = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false).setPort(port).start();
            Postgres own = new Postgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "", started);
            own.ownDataDirectory = dataDir;
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /**
     * Stops this server (its clients' connections break), leaves it down for {@code down}, and starts it again on
     * the same port and data. Only for a server of {@link #embeddedOwn}.
     */
    public synchronized void restart(Duration down) {
        if (ownDataDirectory == null) {
            throw new IllegalStateException("only an embedded server of the caller's own can be restarted");
        }
        int port = embedded.getPort();
        Path data = ownDataDirectory;
        try {
            embedded.close();
            Thread.sleep(down.toMillis());
            embedded = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart embedded PostgreSQL on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL was down", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String envOr(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        String base = slash < 0 ? serverUrl : serverUrl.substring(0, slash);
        int query = serverUrl.indexOf('?');
        return base + "/" + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    /** Creates the database unless it exists and returns its JDBC URL. */
    public String createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database names here are lower-case letters, digits and _");
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
        return jdbcUrl(database);
    }

    /** Creates a new, empty database with a unique name (for one test run) and returns its JDBC URL. */
    public String createFreshDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return createDatabaseIfMissing(name);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl, user, password);
    }

    private boolean answers() {
        try (Connection ignored = DriverManager.getConnection(serverUrl + "?connectTimeout=2", user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void check() {
        try (Connection ignored = connect()) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (container != null) {
            try {
                container.close();
            } catch (Exception e) {
                log.warn("PostgreSQL container did not stop cleanly: {}", e.getMessage());
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
