package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;
import com.cspchannel.partnership.command.Commands.ChangeResellerCompliance;
import com.cspchannel.partnership.command.Commands.EnrolReseller;
import com.cspchannel.partnership.command.Commands.UpdateResellerProfile;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cspchannel.platform.domain.ViolationMatchers.withCode;

import java.util.List;

import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.RESELLER;

class ResellerTest {

    private static final String ID = RESELLER.toString();
    private AggregateTestFixture<Reseller> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(Reseller.class);
    }

    private static ResellerEnrolled enrolled() {
        return new ResellerEnrolled(ANY_ID, NOW, RESELLER, "Fabrikam", "admin@fabrikam.example", "DE", "Europe",
                List.of("5123456"), "5100000", "de-DE");
    }

    @Test
    void givenNothing_whenEnrolled_thenResellerEnrolledWithItsPlaAndPgaIds() {
        fixture.givenNoPriorActivity()
                .when(new EnrolReseller(ID, RESELLER, "Fabrikam", "admin@fabrikam.example", "DE", "Europe",
                        List.of("5123456"), "5100000", "de-DE"))
                .expectEvents(enrolled());
    }

    @Test
    void givenNothing_whenEnrolledWithItsPgaIdAlsoAsPla_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(new EnrolReseller(ID, RESELLER, "Fabrikam", "a@f.example", "DE", "Europe",
                        List.of("5123456", "5100000"), "5100000", null))
                .expectNoEvents()
                .expectException(withCode("pga-among-pla"));
    }

    @Test
    void givenEnrolled_whenMpaSignedForEurope_thenComplianceChanged() {
        fixture.given(enrolled())
                .when(new ChangeResellerCompliance(ID, null, List.of("Europe"), ProgramStatus.ACTIVE))
                .expectEvents(new ResellerComplianceChanged(ANY_ID, NOW, RESELLER, List.of("Europe"),
                        ProgramStatus.ACTIVE));
    }

    @Test
    void givenCompliance_whenTheSameComplianceIsRecordedAgain_thenNoEvent() {
        fixture.given(enrolled(), new ResellerComplianceChanged(ANY_ID, NOW, RESELLER, List.of("Europe"),
                        ProgramStatus.ACTIVE))
                .when(new ChangeResellerCompliance(ID, null, List.of("Europe", "Europe"), ProgramStatus.ACTIVE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenEnrolled_whenSuspended_thenComplianceChangedToSuspended() {
        fixture.given(enrolled())
                .when(new ChangeResellerCompliance(ID, null, List.of(), ProgramStatus.SUSPENDED))
                .expectEvents(new ResellerComplianceChanged(ANY_ID, NOW, RESELLER, List.of(), ProgramStatus.SUSPENDED));
    }

    @Test
    void givenEnrolled_whenProfileChanges_thenWholeNewProfileIsPublished() {
        fixture.given(enrolled())
                .when(new UpdateResellerProfile(ID, null, "Fabrikam GmbH", "csp@fabrikam.example", "DE", "Europe",
                        List.of("5123456", "5123457"), "5100000", "de-DE"))
                .expectEvents(new ResellerProfileUpdated(ANY_ID, NOW, RESELLER, "Fabrikam GmbH",
                        "csp@fabrikam.example", "DE", "Europe", List.of("5123456", "5123457"), "5100000", "de-DE"));
    }

    @Test
    void givenEnrolled_whenTheSameProfileIsSaved_thenNoEvent() {
        fixture.given(enrolled())
                .when(new UpdateResellerProfile(ID, null, "Fabrikam", "admin@fabrikam.example", "DE", "Europe",
                        List.of("5123456"), "5100000", "de-DE"))
                .expectNoEvents();
    }
}
