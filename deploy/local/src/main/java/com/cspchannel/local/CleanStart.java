package com.cspchannel.local;

import com.cspchannel.infra.Postgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --clean}: deletes the stack's state (Kafka data, embedded PostgreSQL data, logs, tokens) and drops the
 * services' databases on a PostgreSQL server the stack did not start, so that the next start is a first one.
 */
final class CleanStart {

    private static final Logger log = LoggerFactory.getLogger(CleanStart.class);

    private CleanStart() {
    }

    static void run(StackDirectory dir, List<ServiceSpec> services) {
        for (String name : List.of("kafka", "postgres", "tokens.env")) {
            StackDirectory.deleteRecursively(dir.state.resolve(name));
        }
        // the stack's own log is open already (appending): empty it rather than delete it
        try (Stream<Path> files = Files.exists(dir.logs) ? Files.list(dir.logs) : Stream.empty()) {
            for (Path file : files.toList()) {
                if (file.equals(dir.stackLog())) {
                    Files.write(file, new byte[0]);
                } else {
                    StackDirectory.deleteRecursively(file);
                }
            }
        } catch (IOException e) {
            throw new StartupFailure("--clean: cannot delete " + dir.logs + ": " + e.getMessage());
        }
        log.info("--clean: deleted {} (Kafka data, embedded PostgreSQL data, logs, tokens)", dir.display(dir.state));
        if (!Env.isSet("POSTGRES_URL") && !answersOnLocalPort()) {
            return; // an embedded server: its data was just deleted
        }
        Postgres server = Postgres.findOrStart(null);
        for (ServiceSpec service : services) {
            String url = server.jdbcUrl("postgres");
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                 Statement s = c.createStatement()) {
                try {
                    s.execute("drop database if exists " + service.database() + " with (force)");
                } catch (SQLException e) {
                    if (!"42601".equals(e.getSQLState())) {
                        throw e;
                    }
                    s.execute("drop database if exists " + service.database()); // before PostgreSQL 13
                }
                log.info("--clean: dropped database {} on {}", service.database(), url);
            } catch (SQLException e) {
                throw new StartupFailure("--clean: cannot drop database " + service.database() + ": "
                        + e.getMessage(), "PostgreSQL", null);
            }
        }
        server.close();
    }

    private static boolean answersOnLocalPort() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
