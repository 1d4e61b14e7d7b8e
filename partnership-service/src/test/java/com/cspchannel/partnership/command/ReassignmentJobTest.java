package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.partnership.command.ReassignmentCommands.RecordReassignmentOutcomes;
import com.cspchannel.partnership.command.ReassignmentCommands.StartReassignment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.PROVIDER;
import static com.cspchannel.partnership.command.Fixtures.RESELLER;

class ReassignmentJobTest {

    private static final UUID JOB = UUID.fromString("40000000-0000-4000-8000-000000000004");
    private static final UUID TARGET = UUID.fromString("50000000-0000-4000-8000-000000000005");
    private static final UUID CUSTOMER = UUID.fromString("60000000-0000-4000-8000-000000000006");
    private static final UUID SUBSCRIPTION = UUID.fromString("70000000-0000-4000-8000-000000000007");
    private static final ReassignmentItem ADMIN = new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, CUSTOMER, null,
            null);
    private static final ReassignmentItem RECORD_REFUSED = new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD,
            CUSTOMER, SUBSCRIPTION, "2203");
    private static final ReassignmentItem SUPPORT = new ReassignmentItem(ReassignmentItem.SUPPORT_CONTACT, CUSTOMER,
            SUBSCRIPTION, null);
    private static final ReassignmentOutcome ADMIN_MOVED = ReassignmentOutcome.of(ADMIN, ReassignmentOutcome.MOVED,
            null);

    private AggregateTestFixture<ReassignmentJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(ReassignmentJob.class);
    }

    private static StartReassignment start(List<ReassignmentItem> items) {
        return new StartReassignment(JOB.toString(), PROVIDER, RESELLER, TARGET, "5223456", "Contoso", "admin", items);
    }

    private static ReassignmentStarted started(List<ReassignmentItem> items) {
        return new ReassignmentStarted(ANY_ID, NOW, JOB, PROVIDER, RESELLER, TARGET, "5223456", "Contoso", "admin",
                items);
    }

    private static RecordReassignmentOutcomes customerReports(ReassignmentOutcome... outcomes) {
        return new RecordReassignmentOutcomes(JOB.toString(), ReassignmentJob.CUSTOMER_SERVICE, List.of(outcomes));
    }

    @Test
    void givenNothing_whenStartedWithItemsToMove_thenStartedAndRunning() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(ADMIN, RECORD_REFUSED)))
                .expectEvents(started(List.of(ADMIN, RECORD_REFUSED)));
    }

    @Test
    void givenNothing_whenStartedWithEveryItemRefused_thenCompletedAtOnce() {
        fixture.givenNoPriorActivity()
                .when(start(List.of(RECORD_REFUSED)))
                .expectEvents(started(List.of(RECORD_REFUSED)), new ReassignmentCompleted(ANY_ID, NOW, JOB, PROVIDER,
                        RESELLER, TARGET, new ReassignmentCounts(0, 0, 0, 0), 0, 1));
    }

    @Test
    void givenStarted_whenTheLastOwningServiceReports_thenCompletedWithCountsPerKind() {
        fixture.given(started(List.of(ADMIN, RECORD_REFUSED)))
                .when(customerReports(ADMIN_MOVED))
                .expectEvents(new ReassignmentOutcomesRecorded(JOB, ReassignmentJob.CUSTOMER_SERVICE,
                                List.of(ADMIN_MOVED), NOW),
                        new ReassignmentCompleted(ANY_ID, NOW, JOB, PROVIDER, RESELLER, TARGET,
                                new ReassignmentCounts(1, 0, 0, 0), 0, 1));
    }

    @Test
    void givenStartedWithItemsOfBothServices_whenOnlyOneReports_thenStillRunning() {
        fixture.given(started(List.of(ADMIN, SUPPORT)))
                .when(customerReports(ADMIN_MOVED))
                .expectEvents(new ReassignmentOutcomesRecorded(JOB, ReassignmentJob.CUSTOMER_SERVICE,
                        List.of(ADMIN_MOVED), NOW));
    }

    @Test
    void givenTheServiceReportedAlready_whenItsReportIsRedelivered_thenNothingIsRecordedTwice() {
        fixture.given(started(List.of(ADMIN, SUPPORT)), new ReassignmentOutcomesRecorded(JOB,
                        ReassignmentJob.CUSTOMER_SERVICE, List.of(ADMIN_MOVED), NOW))
                .when(customerReports(ADMIN_MOVED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
