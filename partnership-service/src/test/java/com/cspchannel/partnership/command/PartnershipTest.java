package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.command.Commands.AcceptPartnership;
import com.cspchannel.partnership.command.Commands.RemovePartnership;
import com.cspchannel.platform.domain.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cspchannel.platform.domain.ViolationMatchers.withCode;
import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.INVITATION;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.PROVIDER;
import static com.cspchannel.partnership.command.Fixtures.RESELLER;

class PartnershipTest {

    private static final String ID = Commands.partnershipId(PROVIDER, RESELLER);
    private AggregateTestFixture<Partnership> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(Partnership.class);
    }

    private static AcceptPartnership accept(String providerRegion, String resellerRegion, ProgramStatus status) {
        return new AcceptPartnership(ID, PROVIDER, RESELLER, INVITATION, "reseller-admin", providerRegion,
                resellerRegion, status);
    }

    private static PartnershipAccepted accepted() {
        return new PartnershipAccepted(ANY_ID, NOW, PROVIDER, RESELLER, INVITATION, "reseller-admin", "Europe");
    }

    private static PartnershipRemoved removed() {
        return new PartnershipRemoved(ANY_ID, NOW, PROVIDER, RESELLER, "provider-admin", "left the program", true,
                PartnershipErrors.GOOD_FAITH_ATTESTATION);
    }

    @Test
    void givenNoPartnership_whenResellerInSameRegionAccepts_thenPartnershipAccepted() {
        fixture.givenNoPriorActivity()
                .when(accept("Europe", "europe", ProgramStatus.ACTIVE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(accepted());
    }

    @Test
    void givenNoPartnership_whenResellerInAnotherRegionAccepts_thenRejectedWith2201() {
        fixture.givenNoPriorActivity()
                .when(accept("Europe", "North America", ProgramStatus.ACTIVE))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("North America"))
                .expectException(withCode("2201"));
    }

    @Test
    void givenNoPartnership_whenSuspendedResellerAccepts_thenRejectedWith800039() {
        fixture.givenNoPriorActivity()
                .when(accept("Europe", "Europe", ProgramStatus.SUSPENDED))
                .expectNoEvents()
                .expectException(withCode("800039"));
    }

    @Test
    void givenActivePartnership_whenAcceptedAgain_thenRejectedAsAlreadyPartnered() {
        fixture.given(accepted())
                .when(accept("Europe", "Europe", ProgramStatus.ACTIVE))
                .expectNoEvents()
                .expectException(withCode("already-partnered"));
    }

    @Test
    void givenActivePartnership_whenRemovedWithAttestation_thenRemovedWithWhoAndWhy() {
        fixture.given(accepted())
                .when(new RemovePartnership(ID, "provider-admin", "left the program", true,
                        PartnershipErrors.GOOD_FAITH_ATTESTATION))
                .expectEvents(removed());
    }

    @Test
    void givenActivePartnership_whenRemovedWithoutAttestation_thenRejectedAndNothingChanges() {
        fixture.given(accepted())
                .when(new RemovePartnership(ID, "provider-admin", "left", false, null))
                .expectNoEvents()
                .expectException(withCode("attestation-required"));
    }

    @Test
    void givenRemovedPartnership_whenRemovedAgain_thenRejectedAsNotActive() {
        fixture.given(accepted(), removed())
                .when(new RemovePartnership(ID, "provider-admin", "again", true, "x"))
                .expectNoEvents()
                .expectException(withCode("partnership-not-found"));
    }

    @Test
    void givenRemovedPartnership_whenResellerAcceptsANewInvitation_thenPartneredAgain() {
        fixture.given(accepted(), removed())
                .when(accept("Europe", "Europe", ProgramStatus.ACTIVE))
                .expectEvents(accepted());
    }
}
