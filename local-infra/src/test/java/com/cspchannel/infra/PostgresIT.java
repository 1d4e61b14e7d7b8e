package com.cspchannel.infra;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which PostgreSQL server is used, on the real one at 127.0.0.1:5432 (the machines that run these tests have one;
 * without it the tests that need it are skipped rather than start another server).
 */
class PostgresIT {

    static void assumeLocalServer() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException e) {
            Assumptions.abort("no PostgreSQL at 127.0.0.1:5432");
        }
    }

    @Test
    void withoutPostgresUrlTheServerAt5432IsUsedWhenItAnswersAndHoldsNewDatabases() throws Exception {
        assumeLocalServer();
        try (Postgres postgres = Postgres.findOrStart(null, Map.<String, String>of()::get)) {
            assertThat(postgres.jdbcUrl("csp_x")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/csp_x");
            assertThat(postgres.user()).isEqualTo("postgres");
            String first = postgres.createFreshDatabase("Local-Infra IT");
            String second = postgres.createFreshDatabase("Local-Infra IT");
            assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://127.0.0.1:5432/local_infra_it_");
            try (Connection connection = DriverManager.getConnection(first, postgres.user(), postgres.password());
                 ResultSet rs = connection.createStatement().executeQuery("select current_database(), "
                         + "(select count(*) from information_schema.tables where table_schema = 'public')")) {
                rs.next();
                assertThat(first).endsWith("/" + rs.getString(1));
                assertThat(rs.getLong(2)).as("a new, empty database").isZero();
            }
            String name = first.substring(first.lastIndexOf('/') + 1);
            assertThat(postgres.createDatabaseIfMissing(name)).as("an existing one is kept").isEqualTo(first);
            assertThatThrownBy(() -> postgres.createDatabaseIfMissing("x; drop database postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void postgresUrlWinsWithItsUserAndParametersAndIsNeverReplacedByAnotherServer() throws Exception {
        assumeLocalServer();
        Map<String, String> env = Map.of("POSTGRES_URL",
                "jdbc:postgresql://localhost:5432/postgres?ApplicationName=local-infra-it", "POSTGRES_USER", "postgres");
        try (Postgres postgres = Postgres.findOrStart(null, env::get)) {
            String url = postgres.createFreshDatabase("local_infra_url");
            assertThat(url).startsWith("jdbc:postgresql://localhost:5432/local_infra_url_")
                    .endsWith("?ApplicationName=local-infra-it");
            try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                 ResultSet rs = connection.createStatement().executeQuery("show application_name")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("local-infra-it");
            }
        }

        // a configured server that does not answer is an error, not a reason to use the one at 5432 instead
        int nothingThere = FreePorts.next();
        assertThatThrownBy(() -> Postgres.findOrStart(null, Map.of("POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:" + nothingThere + "/postgres")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + nothingThere).hasMessageContaining("does not answer");
    }
}
