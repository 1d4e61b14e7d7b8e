package com.cspchannel.platform.consumer;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service started on the database of an earlier release. The platform's migrations are numbered below the
 * services' own (V100 and up), so a platform migration added later (V6, the index behind a refusal's
 * "applied through") sits below a service migration that database already has: the service must apply it, not
 * refuse to start with "Detected resolved migration not applied to database", as it did before the platform
 * defaults let Flyway run out of order.
 */
@SpringBootTest(classes = ConsumerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"csp.relay.enabled=false", "spring.application.name=upgrade-test"})
class UpgradedDatabaseIT {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Map<String, String> db = SharedInfrastructure.freshDatabaseProperties("platform_upgrade_it");
        DriverManagerDataSource earlier = new DriverManagerDataSource(db.get("spring.datasource.url"),
                db.get("spring.datasource.username"), db.get("spring.datasource.password"));
        // the earlier release's database: every migration, the service's V100 included, but the platform's V6
        Flyway.configure().dataSource(earlier).locations("classpath:db/axon", "classpath:db/migration").load()
                .migrate();
        JdbcTemplate before = new JdbcTemplate(earlier);
        before.execute("drop index consumed_event_applied_through");
        before.update("delete from flyway_schema_history where version = '6'");
        db.forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.bootstrap-servers", SharedInfrastructure::kafkaBootstrapServers);
        registry.add("csp.security.dev-secret", () -> DevTokens.DEV_SECRET);
    }

    @Test
    void thePlatformMigrationAddedBelowTheServicesNewestIsApplied() {
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = ?", Integer.class,
                "consumed_event_applied_through")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select success from flyway_schema_history where version = '6'",
                Boolean.class)).isTrue();
    }
}
