package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.PROVIDER;
import static com.cspchannel.partnership.command.Fixtures.RESELLER;

class IneligibilityReportTest {

    private static final UUID REPORT = UUID.fromString("40000000-0000-4000-8000-000000000004");
    private static final UUID CUSTOMER = UUID.fromString("50000000-0000-4000-8000-000000000005");
    private static final UUID SUBSCRIPTION = UUID.fromString("60000000-0000-4000-8000-000000000006");
    private static final Instant REMOVED_AT = NOW.minusSeconds(40);
    private AggregateTestFixture<IneligibilityReport> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(IneligibilityReport.class);
    }

    private static ReportResellerIneligibility report() {
        return new ReportResellerIneligibility(REPORT.toString(), PROVIDER, RESELLER, "partnership_removed", null,
                REMOVED_AT, List.of(new AffectedCustomer(CUSTOMER)),
                List.of(new AffectedSubscription(SUBSCRIPTION, CUSTOMER, true, true)));
    }

    @Test
    void givenNothing_whenReported_thenTheProviderIsToldExactlyTheAffectedItemsAsOfTheRemoval() {
        fixture.givenNoPriorActivity()
                .when(report())
                .expectEvents(new ResellerIneligibilityReported(ANY_ID, NOW, REPORT, PROVIDER, RESELLER,
                        "partnership_removed", null, REMOVED_AT, List.of(new AffectedCustomer(CUSTOMER)),
                        List.of(new AffectedSubscription(SUBSCRIPTION, CUSTOMER, true, true))));
    }

    @Test
    void givenNothingAffected_whenReported_thenTheReportSaysSoWithEmptyLists() {
        fixture.givenNoPriorActivity()
                .when(new ReportResellerIneligibility(REPORT.toString(), PROVIDER, RESELLER, "mpa_lapsed", "Europe",
                        REMOVED_AT, List.of(), List.of()))
                .expectEvents(new ResellerIneligibilityReported(ANY_ID, NOW, REPORT, PROVIDER, RESELLER, "mpa_lapsed",
                        "Europe", REMOVED_AT, List.of(), List.of()));
    }
}
