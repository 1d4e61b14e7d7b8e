package com.cspchannel.events;

import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.AdminPasswordReset;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.cspchannel.events.subscription.SupportContactReset;
import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.partnership.ResellerProfileUpdated;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fixed, realistic instance of every public event type: the examples the approved JSON pins. */
final class ContractSamples {

    static final UUID EVENT_ID = UUID.fromString("6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01");
    static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");
    static final UUID PROVIDER = UUID.fromString("1b2f4d7e-0000-4000-8000-00000000aa01");
    static final UUID RESELLER = UUID.fromString("2c3a5e8f-0000-4000-8000-00000000bb02");
    static final UUID INVITATION = UUID.fromString("3d4b6f90-0000-4000-8000-00000000cc03");
    static final UUID CUSTOMER = UUID.fromString("4e5c7a01-0000-4000-8000-00000000dd04");
    static final UUID ORDER = UUID.fromString("5f6d8b12-0000-4000-8000-00000000ee05");
    static final UUID SUBSCRIPTION = UUID.fromString("607e9c23-0000-4000-8000-00000000ff06");
    static final UUID OTHER_RESELLER = UUID.fromString("718fad34-0000-4000-8000-000000001107");
    static final UUID JOB = UUID.fromString("93a1cf56-0000-4000-8000-000000003309");
    static final UUID REPORT = UUID.fromString("8290be45-0000-4000-8000-000000002208");

    private ContractSamples() {
    }

    static List<PublicEvent> all() {
        return List.of(
                new ProviderProfileRegistered(EVENT_ID, AT, PROVIDER, "Contoso Distribution", "partners@contoso.example",
                        "Europe", "4847383", "en-US"),
                new ProviderProfileUpdated(EVENT_ID, AT, PROVIDER, "Contoso Distribution Ltd", "csp@contoso.example",
                        "Europe", "4847383", null),
                new ResellerEnrolled(EVENT_ID, AT, RESELLER, "Fabrikam IT", "admin@fabrikam.example", "DE", "Europe",
                        List.of("5123456", "5123457"), "5100000", "de-DE"),
                new ResellerProfileUpdated(EVENT_ID, AT, RESELLER, "Fabrikam IT GmbH", "csp@fabrikam.example", "DE",
                        "Europe", List.of("5123456"), "5100000", null),
                new ResellerComplianceChanged(EVENT_ID, AT, RESELLER, List.of("Europe"), ProgramStatus.ACTIVE),
                new PartnershipInvitationIssued(EVENT_ID, AT, INVITATION, PROVIDER, "user-42", "admin@fabrikam.example",
                        Instant.parse("2026-03-31T09:30:00Z")),
                new PartnershipAccepted(EVENT_ID, AT, PROVIDER, RESELLER, INVITATION, "reseller-admin-7", "Europe"),
                new PartnershipRemoved(EVENT_ID, AT, PROVIDER, RESELLER, "user-42", "Reseller left the program", true,
                        "I attest that this decision was made in good faith, for a legitimate business purpose, "
                                + "in accordance with my agreements."),
                new ResellerIneligibilityReported(EVENT_ID, AT, REPORT, PROVIDER, RESELLER, "mpa_lapsed", "Europe",
                        Instant.parse("2026-03-01T09:29:58Z"), List.of(new AffectedCustomer(CUSTOMER)),
                        List.of(new AffectedSubscription(SUBSCRIPTION, CUSTOMER, true, false))),
                new CustomerCreated(EVENT_ID, AT, CUSTOMER, PROVIDER,
                        new CompanyProfile("Wingtip Toys", "wingtiptoys.onmicrosoft.com"),
                        new BillingProfile("Jane", "Doe", "jane@wingtiptoys.example", "de-DE", "de", "Wingtip Toys GmbH",
                                new Address("Hauptstrasse 1", null, "Berlin", null, "10115", "DE")),
                        RESELLER, "admin@wingtiptoys.onmicrosoft.com",
                        new AcceptedOrder(ORDER, List.of(new OrderLine(1, "CFQ7TTC0LH18:0001", 10, "5123456", RESELLER),
                                new OrderLine(2, "DZH318Z0BPS6:0001", 1, null))),
                        "user-42"),
                new ResellerAssociated(EVENT_ID, AT, CUSTOMER, PROVIDER, RESELLER, null, "user-42"),
                new DelegatedAdminGranted(EVENT_ID, AT, CUSTOMER, PROVIDER, RESELLER, "user-42"),
                new DelegatedAdminRevoked(EVENT_ID, AT, CUSTOMER, PROVIDER, RESELLER, "user-42",
                        "customer moved to another reseller"),
                new TenantOwnerGranted(EVENT_ID, AT, CUSTOMER, PROVIDER, RESELLER, "user-42"),
                new TenantOwnerRevoked(EVENT_ID, AT, CUSTOMER, PROVIDER, RESELLER, "user-42"),
                new AdminPasswordReset(EVENT_ID, AT, CUSTOMER, PROVIDER, "admin@wingtiptoys.onmicrosoft.com",
                        "user-42"),
                new OrderPlaced(EVENT_ID, AT, ORDER, CUSTOMER, PROVIDER,
                        List.of(new OrderLine(1, "CFQ7TTC0LH18:0001", 10, "5123456", RESELLER)), "initial", "user-42"),
                new OrderRejected(EVENT_ID, AT, ORDER, CUSTOMER, PROVIDER, List.of(new RejectionReason(
                        "lineItems[0].partnerIdOnRecord", "reseller-not-partnered",
                        "The reseller has no active partnership with you.")), "subscription-service"),
                new SubscriptionCreated(EVENT_ID, AT, SUBSCRIPTION, ORDER, CUSTOMER, PROVIDER, "CFQ7TTC0LH18:0001",
                        "Microsoft 365 Business Basic", 10, "5123456", RESELLER, "user-42"),
                new SubscriptionQuantityChanged(EVENT_ID, AT, SUBSCRIPTION, CUSTOMER, PROVIDER, 10, 15, "user-42"),
                new SubscriptionUpgraded(EVENT_ID, AT, SUBSCRIPTION, CUSTOMER, PROVIDER, "CFQ7TTC0LH18:0001",
                        "CFQ7TTC0LDPB:0001", 15, "user-42"),
                new ResellerOfRecordChanged(EVENT_ID, AT, SUBSCRIPTION, CUSTOMER, PROVIDER, "5123456", RESELLER,
                        "5223456", OTHER_RESELLER, "user-42"),
                new SupportContactDesignated(EVENT_ID, AT, SUBSCRIPTION, CUSTOMER, PROVIDER, RESELLER, "5123456",
                        "Fabrikam IT", null, "user-43"),
                new SupportContactReset(EVENT_ID, AT, SUBSCRIPTION, CUSTOMER, PROVIDER, RESELLER, "user-43"),
                new ReassignmentStarted(EVENT_ID, AT, JOB, PROVIDER, RESELLER, OTHER_RESELLER, "5223456",
                        "Contoso Partners", "user-42", List.of(
                        new ReassignmentItem(ReassignmentItem.CUSTOMER_ADMIN, CUSTOMER, null, null),
                        new ReassignmentItem(ReassignmentItem.RESELLER_OF_RECORD, CUSTOMER, SUBSCRIPTION, "2203"))),
                new ReassignmentCompleted(EVENT_ID, AT, JOB, PROVIDER, RESELLER, OTHER_RESELLER,
                        new ReassignmentCounts(1, 0, 0, 1), 0, 1),
                new CustomerReassignmentProcessed(EVENT_ID, AT, JOB, PROVIDER, List.of(
                        new ReassignmentOutcome(ReassignmentItem.CUSTOMER_ADMIN, CUSTOMER, null,
                                ReassignmentOutcome.MOVED, null))),
                new SubscriptionReassignmentProcessed(EVENT_ID, AT, JOB, PROVIDER, List.of(
                        new ReassignmentOutcome(ReassignmentItem.SUPPORT_CONTACT, CUSTOMER, SUBSCRIPTION,
                                ReassignmentOutcome.MOVED, null),
                        new ReassignmentOutcome(ReassignmentItem.RESELLER_OF_RECORD, CUSTOMER, SUBSCRIPTION,
                                ReassignmentOutcome.REFUSED, "2203"))));
    }
}
