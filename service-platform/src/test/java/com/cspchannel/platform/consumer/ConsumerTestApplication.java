package com.cspchannel.platform.consumer;

import com.cspchannel.events.Topics;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** A minimal service with one view fed from Kafka through the platform's consumer support. */
@SpringBootApplication
class ConsumerTestApplication {

    /** Counts, per reseller, how many compliance events were applied; poison events fail the view update. */
    @Component
    static class ResellerViewListener extends TopicConsumer {

        static final String POISON_REGION = "poison";
        private final JdbcTemplate jdbc;

        ResellerViewListener(JdbcTemplate jdbc) {
            super("test-view", List.of(Topics.PARTNERSHIPS));
            this.jdbc = jdbc;
        }

        @Override
        public EventHandlers handlers() {
            return EventHandlers.builder().on(ResellerComplianceChanged.class, changed -> {
                jdbc.update("""
                        insert into test_reseller_view (reseller_tenant_id, applied_count) values (?, 1)
                        on conflict (reseller_tenant_id) do update
                        set applied_count = test_reseller_view.applied_count + 1""", changed.resellerTenantId());
                if (changed.mpaSignedRegions().contains(POISON_REGION)) {
                    throw new IllegalStateException("the view cannot apply region " + POISON_REGION);
                }
            }).build();
        }
    }
}
