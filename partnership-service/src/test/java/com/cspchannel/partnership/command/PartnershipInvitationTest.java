package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.partnership.command.Commands.IssuePartnershipInvitation;
import com.cspchannel.partnership.command.Commands.RedeemInvitation;
import com.cspchannel.partnership.command.Commands.RevokeInvitation;
import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.INVITATION;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.PROVIDER;
import static com.cspchannel.partnership.command.Fixtures.RESELLER;
import static com.cspchannel.platform.domain.ViolationMatchers.withCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnershipInvitationTest {

    private static final String ID = INVITATION.toString();
    private static final InvitationTokens.Issued TOKEN = InvitationTokens.issue();
    private AggregateTestFixture<PartnershipInvitation> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(PartnershipInvitation.class);
    }

    private static Object[] issued(Instant expiresAt) {
        return new Object[]{
                new PartnershipInvitationIssued(ANY_ID, NOW, INVITATION, PROVIDER, "sales-agent", "r@x.example", expiresAt),
                new InvitationTokenIssued(INVITATION, TOKEN.sha256(), expiresAt, null)};
    }

    @Test
    void givenNothing_whenIssued_thenThePublicEventCarriesNoTokenOrHash() {
        Instant expiresAt = NOW.plus(Duration.ofDays(30));
        fixture.givenNoPriorActivity()
                .when(new IssuePartnershipInvitation(ID, PROVIDER, "sales-agent", "r@x.example", TOKEN.sha256(),
                        expiresAt, null))
                .expectEvents(issued(expiresAt));
        String publicJson = new String(com.cspchannel.events.EventCodec.encode((PartnershipInvitationIssued) issued(
                expiresAt)[0]));
        assertThat(publicJson).doesNotContain(TOKEN.sha256()).doesNotContain(TOKEN.token())
                .doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("hash");
    }

    /** The invitation as the query side holds it after {@link #issued}. */
    private static Optional<InvitationEntry> stored(Instant expiresAt) {
        return stored(expiresAt, InvitationEntry.State.pending);
    }

    private static Optional<InvitationEntry> stored(Instant expiresAt, InvitationEntry.State state) {
        return Optional.of(new InvitationEntry(INVITATION, PROVIDER, "sales-agent", NOW, expiresAt, TOKEN.sha256(),
                "r@x.example", null, state, null, null));
    }

    private static InvitationTokens.Presented presented(InvitationTokens.Issued token) {
        return new InvitationTokens.Presented(INVITATION, token.sha256());
    }

    @Test
    void givenIssued_whenTheRightTokenIsPresented_thenTheProviderIsAnswered() {
        assertThat(InvitationTokens.invitation(presented(TOKEN), stored(NOW.plus(Duration.ofDays(1))), NOW)
                .providerTenantId()).isEqualTo(PROVIDER);
    }

    @Test
    void givenIssued_whenAnotherTokenIsPresented_thenRejected() {
        assertThatThrownBy(() -> InvitationTokens.invitation(presented(InvitationTokens.issue()),
                stored(NOW.plus(Duration.ofDays(1))), NOW))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code())
                        .isEqualTo("invitation-not-found"));
        assertThatThrownBy(() -> InvitationTokens.invitation(presented(TOKEN), Optional.empty(), NOW))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code())
                        .isEqualTo("invitation-not-found"));
    }

    @Test
    void givenExpired_whenTheRightTokenIsPresented_thenRejectedAsExpired() {
        assertThatThrownBy(() -> InvitationTokens.invitation(presented(TOKEN), stored(NOW.minusSeconds(1)), NOW))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code())
                        .isEqualTo("invitation-expired"));
    }

    @Test
    void aUsedOrRevokedLinkIsRefusedWithItsOwnCode() {
        Instant later = NOW.plus(Duration.ofDays(1));
        assertThatThrownBy(() -> InvitationTokens.invitation(presented(TOKEN), stored(later,
                InvitationEntry.State.accepted), NOW))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code()).isEqualTo("invitation-used"));
        assertThatThrownBy(() -> InvitationTokens.invitation(presented(TOKEN), stored(later,
                InvitationEntry.State.revoked), NOW))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code())
                        .isEqualTo("invitation-revoked"));
    }

    @Test
    void givenIssued_whenRedeemed_thenOnceOnly() {
        fixture.given(issued(NOW.plus(Duration.ofDays(1))))
                .when(new RedeemInvitation(ID, RESELLER, "reseller-admin"))
                .expectEvents(new InvitationRedeemed(INVITATION, RESELLER, "reseller-admin", NOW));
        fixture.given(issued(NOW.plus(Duration.ofDays(1))))
                .andGiven(new InvitationRedeemed(INVITATION, RESELLER, "reseller-admin", NOW))
                .when(new RedeemInvitation(ID, UUID.randomUUID(), "other-admin"))
                .expectNoEvents()
                .expectException(withCode("invitation-used"));
    }

    @Test
    void givenAnInvitationForOneReseller_whenAnotherRedeemsIt_thenAsIfThereWereNone() {
        Instant expiresAt = NOW.plus(Duration.ofDays(1));
        fixture.given(new PartnershipInvitationIssued(ANY_ID, NOW, INVITATION, PROVIDER, "sales-agent", null,
                        expiresAt), new InvitationTokenIssued(INVITATION, TOKEN.sha256(), expiresAt, RESELLER))
                .when(new RedeemInvitation(ID, UUID.randomUUID(), "other-admin"))
                .expectNoEvents()
                .expectException(withCode("invitation-not-found"));
    }

    @Test
    void givenRevokedOrExpired_whenRedeemed_thenRefused() {
        fixture.given(issued(NOW.plus(Duration.ofDays(1))))
                .andGiven(new InvitationRevoked(INVITATION, "sales-agent", "revoked by the provider", NOW))
                .when(new RedeemInvitation(ID, RESELLER, "reseller-admin"))
                .expectException(withCode("invitation-revoked"));
        fixture.given(issued(NOW.minusSeconds(1)))
                .when(new RedeemInvitation(ID, RESELLER, "reseller-admin"))
                .expectException(withCode("invitation-expired"));
    }

    @Test
    void givenRedeemed_whenRevoked_thenRefusedAndRevokingTwiceChangesNothing() {
        fixture.given(issued(NOW.plus(Duration.ofDays(1))))
                .andGiven(new InvitationRedeemed(INVITATION, RESELLER, "reseller-admin", NOW))
                .when(new RevokeInvitation(ID, "sales-agent", "revoked by the provider"))
                .expectException(withCode("invitation-used"));
        fixture.given(issued(NOW.plus(Duration.ofDays(1))))
                .andGiven(new InvitationRevoked(INVITATION, "sales-agent", "revoked by the provider", NOW))
                .when(new RevokeInvitation(ID, "sales-agent", "revoked by the provider"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aTokenNamesItsInvitationAndParsesBackToTheSameHash() {
        InvitationTokens.Issued issued = InvitationTokens.issue();
        var presented = InvitationTokens.parse(issued.token()).orElseThrow();
        assertThat(presented.invitationId()).isEqualTo(issued.invitationId());
        assertThat(presented.sha256()).isEqualTo(issued.sha256());
        assertThat(issued.sha256()).doesNotContain(issued.token().substring(33));
        assertThat(InvitationTokens.parse("not-a-token")).isEmpty();
        assertThat(InvitationTokens.parse(issued.token() + "x")).isEmpty();
    }
}
