package com.cspchannel.notification.catalogue;

import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.AdminPasswordReset;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The catalogue as rules: which event notifies whom; customers never, credentials never. */
class NotificationRulesTest {

    static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    final UUID provider = UUID.randomUUID();
    final UUID reseller = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final UUID customer = UUID.randomUUID();
    final UUID subscription = UUID.randomUUID();

    @Test
    void anAcceptedPartnershipNotifiesTheProviderOnly() {
        var intents = NotificationRules.intentsFor(new PartnershipAccepted(UUID.randomUUID(), AT, provider, reseller,
                UUID.randomUUID(), "admin", "Europe"));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.partnership_accepted, RecipientKind.provider, provider));
        assertThat(intents.get(0).facts()).containsEntry("resellerTenantId", reseller.toString())
                .containsEntry("cspRegion", "Europe").containsEntry("at", "2026-03-01 10:15 UTC");
    }

    @Test
    void aRemovedPartnershipNotifiesTheProviderAndNeverTheReseller() {
        var intents = NotificationRules.intentsFor(new PartnershipRemoved(UUID.randomUUID(), AT, provider, reseller,
                "admin", "contract ended", true, "in good faith"));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.partnership_removed, provider));
        assertThat(intents).noneMatch(i -> i.recipientTenantId().equals(reseller));
        assertThat(intents.get(0).facts()).containsEntry("reason", "contract ended");
    }

    @Test
    void aCustomerCreatedForAResellerNotifiesTheResellerWithoutTheAdminUserName() {
        var intents = NotificationRules.intentsFor(customerCreated(reseller));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.customer_created_for_reseller, RecipientKind.reseller,
                        reseller));
        assertThat(intents.get(0).facts()).containsEntry("companyName", "Wingtip Toys")
                .containsEntry("domain", "wingtip.onmicrosoft.com")
                .doesNotContainValue("admin@wingtip.onmicrosoft.com")
                .doesNotContainValue("jane@wingtip.example");
    }

    @Test
    void aDirectCustomerOfTheProviderNotifiesNobody() {
        assertThat(NotificationRules.intentsFor(customerCreated(null))).isEmpty();
    }

    @Test
    void aResellerOfRecordChangeNotifiesTheResellerThatGainedItAndTheOneThatLostIt() {
        var intents = NotificationRules.intentsFor(ror("1111111", reseller, "2222222", other));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_of_record_gained, other),
                        tuple(NotificationType.reseller_of_record_lost, reseller));
        assertThat(intents.get(0).facts()).containsEntry("partnerId", "2222222");
        assertThat(intents.get(1).facts()).containsEntry("partnerId", "1111111");
    }

    @Test
    void aFirstResellerOfRecordOnlyGainsAClearedOneOnlyLosesAndANewPartnerIdOfTheSameResellerIsOneMessage() {
        assertThat(NotificationRules.intentsFor(ror(null, null, "2222222", other)))
                .extracting(NotificationIntent::type).containsExactly(NotificationType.reseller_of_record_gained);
        assertThat(NotificationRules.intentsFor(ror("1111111", reseller, null, null)))
                .extracting(NotificationIntent::type).containsExactly(NotificationType.reseller_of_record_lost);
        assertThat(NotificationRules.intentsFor(ror("1111111", reseller, "1111112", reseller)))
                .extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_of_record_gained, reseller));
    }

    @Test
    void aSupportContactDesignationNotifiesTheDesignatedResellerAndTheOneItReplaced() {
        assertThat(NotificationRules.intentsFor(designated(null)))
                .extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.support_contact_designated, reseller));
        assertThat(NotificationRules.intentsFor(designated(other)))
                .extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.support_contact_designated, reseller),
                        tuple(NotificationType.support_contact_lost, other));
    }

    @Test
    void aSupportContactResetNotifiesTheResellerThatLostIt() {
        var intents = NotificationRules.intentsFor(new SupportContactReset(UUID.randomUUID(), AT, subscription,
                customer, provider, reseller, "agent"));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.support_contact_lost, reseller));
    }

    @Test
    void aRejectedOrderNotifiesTheProviderWithEveryReason() {
        var intents = NotificationRules.intentsFor(new OrderRejected(UUID.randomUUID(), AT, UUID.randomUUID(),
                customer, provider, List.of(new RejectionReason("lineItems[0].partnerIdOnRecord", "reseller-not-partnered",
                        "The reseller has no active partnership with you."),
                        new RejectionReason(null, "800039", "The reseller's CSP program status is not active.")),
                "system"));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.order_rejected, provider));
        assertThat(intents.get(0).facts().get("reasons")).isEqualTo("""
                - The reseller has no active partnership with you. (reseller-not-partnered, lineItems[0].partnerIdOnRecord)
                - The reseller's CSP program status is not active. (800039)""");
    }

    @Test
    void aSubscriptionBoughtWithAResellerOfRecordTellsThatResellerWithItsPartnerIdAndLicenses() {
        var intents = NotificationRules.intentsFor(subscriptionCreated("2222222", reseller));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_of_record_at_purchase, RecipientKind.reseller,
                        reseller));
        assertThat(intents.get(0).facts()).containsEntry("subscriptionId", subscription.toString())
                .containsEntry("customerId", customer.toString()).containsEntry("partnerId", "2222222")
                .containsEntry("quantity", "10").containsEntry("at", "2026-03-01 10:15 UTC");
    }

    @Test
    void aSubscriptionBoughtWithoutAResellerOfRecordNotifiesNobody() {
        assertThat(NotificationRules.intentsFor(subscriptionCreated(null, null))).isEmpty();
    }

    @Test
    void aResellerAssociatedWithAnExistingCustomerIsToldOnce() {
        var intents = NotificationRules.intentsFor(new ResellerAssociated(UUID.randomUUID(), AT, customer, provider,
                reseller, null, "agent"));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_associated, RecipientKind.reseller, reseller));
        assertThat(intents.get(0).facts()).containsEntry("customerId", customer.toString());
    }

    @Test
    void replacingAResellerSendsOneMessageToEachResellerTheNewOneAssociatedThePreviousOneRevoked() {
        // what customer-service publishes for AssociateReseller when another reseller held the customer, which was
        // also its tenant owner (Customer.handle(AssociateReseller)): the previous reseller's rights go first
        List<PublicEvent> reassociation = List.of(
                new TenantOwnerRevoked(UUID.randomUUID(), AT, customer, provider, other, "agent"),
                new DelegatedAdminRevoked(UUID.randomUUID(), AT, customer, provider, other, "agent",
                        "another reseller was associated"),
                new ResellerAssociated(UUID.randomUUID(), AT, customer, provider, reseller, other, "agent"),
                new DelegatedAdminGranted(UUID.randomUUID(), AT, customer, provider, reseller, "agent"));
        var intents = reassociation.stream().flatMap(e -> NotificationRules.intentsFor(e).stream()).toList();
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.tenant_owner_revoked, other),
                        tuple(NotificationType.delegated_admin_revoked, other),
                        tuple(NotificationType.reseller_associated, reseller));
        assertThat(intents.get(1).facts()).containsEntry("reason", "another reseller was associated");
        assertThat(intents).noneMatch(i -> i.recipientTenantId().equals(provider) || i.recipientTenantId()
                .equals(customer));
    }

    @Test
    void aTenantOwnerGrantAndItsRevocationEachTellTheReseller() {
        assertThat(NotificationRules.intentsFor(new TenantOwnerGranted(UUID.randomUUID(), AT, customer, provider,
                reseller, "agent")))
                .extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                        NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.tenant_owner_granted, RecipientKind.reseller, reseller));
        var revoked = NotificationRules.intentsFor(new TenantOwnerRevoked(UUID.randomUUID(), AT, customer, provider,
                reseller, "agent"));
        assertThat(revoked).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.tenant_owner_revoked, reseller));
        assertThat(revoked.get(0).facts()).containsEntry("customerId", customer.toString());
    }

    @Test
    void aRevokedDelegatedAdministrationTellsTheResellerWithTheReasonOrWithoutOne() {
        var revoked = NotificationRules.intentsFor(new DelegatedAdminRevoked(UUID.randomUUID(), AT, customer, provider,
                reseller, "agent", "contract ended"));
        assertThat(revoked).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.delegated_admin_revoked, RecipientKind.reseller, reseller));
        assertThat(revoked.get(0).facts()).containsEntry("reason", "contract ended");
        assertThat(NotificationRules.intentsFor(new DelegatedAdminRevoked(UUID.randomUUID(), AT, customer, provider,
                reseller, "agent", null)).get(0).facts()).containsEntry("reason", "");
    }

    @Test
    void anIneligibleResellerIsReportedToTheProviderOnceWithExactlyTheAffectedItemsAndTheirRoles() {
        UUID otherCustomer = UUID.randomUUID();
        UUID supported = UUID.randomUUID();
        UUID both = UUID.randomUUID();
        UUID report = UUID.randomUUID();
        var intents = NotificationRules.intentsFor(new ResellerIneligibilityReported(UUID.randomUUID(), AT, report,
                provider, reseller, "mpa_lapsed", "Europe", AT.minusSeconds(60),
                List.of(new AffectedCustomer(customer), new AffectedCustomer(otherCustomer)),
                List.of(new AffectedSubscription(subscription, customer, true, false),
                        new AffectedSubscription(supported, otherCustomer, false, true),
                        new AffectedSubscription(both, customer, true, true))));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_ineligible, RecipientKind.provider, provider));
        assertThat(intents.get(0).facts()).containsEntry("resellerTenantId", reseller.toString())
                .containsEntry("reportId", report.toString()).containsEntry("cause", "mpa_lapsed")
                .containsEntry("cspRegion", "Europe").containsEntry("asOf", "2026-03-01 10:14 UTC")
                .containsEntry(AffectedItems.CUSTOMERS, customer + "\n" + otherCustomer)
                .containsEntry(AffectedItems.SUBSCRIPTIONS, subscription + " " + customer + " resellerOfRecord\n"
                        + supported + " " + otherCustomer + " supportContact\n"
                        + both + " " + customer + " resellerOfRecord,supportContact");
    }

    @Test
    void anIneligibilityThatNamesNothingIsStillReportedToTheProvider() {
        var intents = NotificationRules.intentsFor(new ResellerIneligibilityReported(UUID.randomUUID(), AT,
                UUID.randomUUID(), provider, reseller, "partnership_removed", null, AT, List.of(), List.of()));
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientTenantId)
                .containsExactly(tuple(NotificationType.reseller_ineligible, provider));
        assertThat(intents.get(0).facts()).containsEntry(AffectedItems.CUSTOMERS, "")
                .containsEntry(AffectedItems.SUBSCRIPTIONS, "").containsEntry("cspRegion", "");
    }

    @Test
    void aCompletedReassignmentSendsOneSummaryToTheSourceAndOneToTheTargetAndNothingToCustomersOrTheProvider() {
        UUID job = UUID.randomUUID();
        var intents = NotificationRules.intentsFor(completed(job, new ReassignmentCounts(3, 1, 4, 2), 1, 2),
                job.toString());
        assertThat(intents).extracting(NotificationIntent::type, NotificationIntent::recipientKind,
                NotificationIntent::recipientTenantId).containsExactly(
                tuple(NotificationType.reassignment_lost, RecipientKind.reseller, reseller),
                tuple(NotificationType.reassignment_gained, RecipientKind.reseller, other));
        // what the source lost is what the target gained: the job's counts per kind
        assertThat(intents).allSatisfy(intent -> assertThat(intent.facts()).containsEntry("jobId", job.toString())
                .containsEntry("customerAdmin", "3").containsEntry("tenantOwner", "1")
                .containsEntry("resellerOfRecord", "4").containsEntry("supportContact", "2")
                .containsEntry("unchanged", "1").containsEntry("refused", "2")
                .containsEntry("at", "2026-03-01 10:15 UTC"));
    }

    @Test
    void aReassignmentThatMovedNothingTellsNeitherReseller() {
        assertThat(NotificationRules.intentsFor(completed(UUID.randomUUID(), new ReassignmentCounts(0, 0, 0, 0), 2,
                5))).as("everything unchanged or refused: nothing changed for either reseller").isEmpty();
        assertThat(NotificationRules.intentsFor(completed(UUID.randomUUID(), new ReassignmentCounts(0, 0, 0, 1), 0,
                0))).extracting(NotificationIntent::type)
                .containsExactly(NotificationType.reassignment_lost, NotificationType.reassignment_gained);
    }

    @Test
    void theMovesOfAReassignmentJobNotifyNobodyPerItemAndTheSameEventsOutsideAJobStillDo() {
        String job = UUID.randomUUID().toString();
        // what customer-service and subscription-service publish when a job moves a customer and a subscription
        List<PublicEvent> moves = List.of(
                new TenantOwnerRevoked(UUID.randomUUID(), AT, customer, provider, reseller, "agent"),
                new DelegatedAdminRevoked(UUID.randomUUID(), AT, customer, provider, reseller, "agent",
                        "another reseller was associated"),
                new ResellerAssociated(UUID.randomUUID(), AT, customer, provider, other, reseller, "agent"),
                new DelegatedAdminGranted(UUID.randomUUID(), AT, customer, provider, other, "agent"),
                new TenantOwnerGranted(UUID.randomUUID(), AT, customer, provider, other, "agent"),
                ror("1111111", reseller, "2222222", other),
                new SupportContactDesignated(UUID.randomUUID(), AT, subscription, customer, provider, other,
                        "2222222", "Tailspin", reseller, "agent"));
        assertThat(moves).allSatisfy(event -> assertThat(NotificationRules.intentsFor(event, job))
                .as("%s of a job", event.getClass().getSimpleName()).isEmpty());
        assertThat(moves.stream().flatMap(event -> NotificationRules.intentsFor(event, null).stream()))
                .extracting(NotificationIntent::type).containsExactly(NotificationType.tenant_owner_revoked,
                        NotificationType.delegated_admin_revoked, NotificationType.reseller_associated,
                        NotificationType.tenant_owner_granted, NotificationType.reseller_of_record_gained,
                        NotificationType.reseller_of_record_lost, NotificationType.support_contact_designated,
                        NotificationType.support_contact_lost);
    }

    @Test
    void eventsOutsideTheCatalogueNotifyNobody() {
        assertThat(NotificationRules.intentsFor(new ProviderProfileRegistered(UUID.randomUUID(), AT, provider, "Contoso",
                "csp@contoso.example", "Europe", "4847383", "en"))).isEmpty();
        assertThat(NotificationRules.intentsFor(new DelegatedAdminGranted(UUID.randomUUID(), AT, customer, provider,
                reseller, "agent"))).as("told by customer_created_for_reseller or reseller_associated").isEmpty();
        assertThat(NotificationRules.intentsFor(new AdminPasswordReset(UUID.randomUUID(), AT, customer, provider,
                "admin@wingtip.onmicrosoft.com", "agent"))).as("a credential's fact is never told").isEmpty();
    }

    /** A job from {@code reseller} (the source) to {@code other} (the target). */
    private ReassignmentCompleted completed(UUID job, ReassignmentCounts moved, int unchanged, int refused) {
        return new ReassignmentCompleted(UUID.randomUUID(), AT, job, provider, reseller, other, moved, unchanged,
                refused);
    }

    private CustomerCreated customerCreated(UUID associatedPartnerId) {
        return new CustomerCreated(UUID.randomUUID(), AT, customer, provider,
                new CompanyProfile("Wingtip Toys", "wingtip.onmicrosoft.com"),
                new BillingProfile("Jane", "Doe", "jane@wingtip.example", "de-DE", "de", "Wingtip Toys GmbH",
                        new Address("Hauptstrasse 1", null, "Berlin", null, "10115", "DE")),
                associatedPartnerId, "admin@wingtip.onmicrosoft.com", null, "agent");
    }

    private SubscriptionCreated subscriptionCreated(String partnerId, UUID resellerOfRecord) {
        return new SubscriptionCreated(UUID.randomUUID(), AT, subscription, UUID.randomUUID(), customer, provider,
                "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 10, partnerId, resellerOfRecord, "agent");
    }

    private ResellerOfRecordChanged ror(String fromPartnerId, UUID from, String toPartnerId, UUID to) {
        return new ResellerOfRecordChanged(UUID.randomUUID(), AT, subscription, customer, provider, fromPartnerId, from,
                toPartnerId, to, "agent");
    }

    private SupportContactDesignated designated(UUID previous) {
        return new SupportContactDesignated(UUID.randomUUID(), AT, subscription, customer, provider, reseller, "3333333",
                "Fabrikam", previous, "agent");
    }
}
