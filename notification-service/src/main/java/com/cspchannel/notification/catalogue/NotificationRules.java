package com.cspchannel.notification.catalogue;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which events notify whom, with which facts: the notification catalogue as code (documented in
 * {@code docs/notifications.md}). Pure: no lookups; names and addresses are added when a message is written.
 * Facts never include credentials, and nothing here ever addresses a customer.
 */
public final class NotificationRules {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The event types that notify someone: {@link #intentsFor} answers none for every other type. */
    public static final Set<Class<? extends PublicEvent>> TYPES = Set.of(PartnershipAccepted.class,
            PartnershipRemoved.class, CustomerCreated.class, ResellerOfRecordChanged.class,
            SupportContactDesignated.class, SupportContactReset.class, OrderRejected.class, SubscriptionCreated.class,
            ResellerAssociated.class, TenantOwnerGranted.class, TenantOwnerRevoked.class,
            DelegatedAdminRevoked.class, ResellerIneligibilityReported.class, ReassignmentCompleted.class);

    private NotificationRules() {
    }

    /**
     * The notifications an event calls for, given the reassignment job that recorded it ({@code reassignmentJobId},
     * its CloudEvents extension attribute; null: none). A job's moves are ordinary events, one per item; each
     * reseller hears of the job once, from its {@link ReassignmentCompleted}, so every other event of a job notifies
     * nobody.
     */
    public static List<NotificationIntent> intentsFor(PublicEvent event, String reassignmentJobId) {
        if (reassignmentJobId != null && !(event instanceof ReassignmentCompleted)) {
            return List.of();
        }
        return intentsFor(event);
    }

    /** The notifications an event that no reassignment job recorded calls for; none for events that notify nobody. */
    public static List<NotificationIntent> intentsFor(PublicEvent event) {
        if (event instanceof ReassignmentCompleted e) {
            return reassignmentSummaries(e);
        }
        if (event instanceof PartnershipAccepted e) {
            return List.of(intent(NotificationType.partnership_accepted, e.providerTenantId(), e.providerTenantId(),
                    "resellerTenantId", e.resellerTenantId(), "cspRegion", e.cspRegion(), "at", time(e.occurredAt())));
        }
        if (event instanceof PartnershipRemoved e) {
            // The provider only: removing a partnership gives no notice to the reseller or its customers; legal notice
            // is the provider's own duty (docs/notifications.md).
            return List.of(intent(NotificationType.partnership_removed, e.providerTenantId(), e.providerTenantId(),
                    "resellerTenantId", e.resellerTenantId(), "reason", e.reason(), "at", time(e.occurredAt())));
        }
        if (event instanceof ResellerIneligibilityReported e) {
            // The provider only, once per report, whatever it lists (nothing listed is news too: nothing to reassign).
            // The reseller is not told, as it is not of a removal.
            return List.of(intent(NotificationType.reseller_ineligible, e.providerTenantId(), e.providerTenantId(),
                    "resellerTenantId", e.resellerTenantId(), "reportId", e.reportId(), "cause", e.cause(),
                    "cspRegion", text(e.cspRegion()), "asOf", time(e.asOf()),
                    AffectedItems.CUSTOMERS, AffectedItems.customers(e.customers()),
                    AffectedItems.SUBSCRIPTIONS, AffectedItems.subscriptions(e.subscriptions())));
        }
        if (event instanceof CustomerCreated e) {
            if (e.associatedPartnerId() == null) {
                return List.of(); // the provider's direct customer: no reseller to tell
            }
            // Deliberately not the admin user name: the credentials are the provider's to hand over.
            return List.of(intent(NotificationType.customer_created_for_reseller, e.associatedPartnerId(),
                    e.providerTenantId(), "customerId", e.customerId(), "companyName", e.companyProfile().companyName(),
                    "domain", e.companyProfile().domain(), "at", time(e.occurredAt())));
        }
        if (event instanceof ResellerOfRecordChanged e) {
            List<NotificationIntent> intents = new ArrayList<>();
            if (e.toResellerTenantId() != null) {
                intents.add(intent(NotificationType.reseller_of_record_gained, e.toResellerTenantId(),
                        e.providerTenantId(), "subscriptionId", e.subscriptionId(), "customerId", e.customerId(),
                        "partnerId", text(e.toPartnerId()), "at", time(e.occurredAt())));
            }
            // A change of PartnerID within the same reseller is no loss for it: one message, the gain.
            if (e.fromResellerTenantId() != null && !e.fromResellerTenantId().equals(e.toResellerTenantId())) {
                intents.add(intent(NotificationType.reseller_of_record_lost, e.fromResellerTenantId(),
                        e.providerTenantId(), "subscriptionId", e.subscriptionId(), "customerId", e.customerId(),
                        "partnerId", text(e.fromPartnerId()), "at", time(e.occurredAt())));
            }
            return List.copyOf(intents);
        }
        if (event instanceof SupportContactDesignated e) {
            List<NotificationIntent> intents = new ArrayList<>();
            intents.add(intent(NotificationType.support_contact_designated, e.supportTenantId(), e.providerTenantId(),
                    "subscriptionId", e.subscriptionId(), "customerId", e.customerId(),
                    "supportMpnId", text(e.supportMpnId()), "at", time(e.occurredAt())));
            if (e.previousSupportTenantId() != null && !e.previousSupportTenantId().equals(e.supportTenantId())) {
                intents.add(lostSupport(e.previousSupportTenantId(), e.providerTenantId(), e.subscriptionId(),
                        e.customerId(), e.occurredAt()));
            }
            return List.copyOf(intents);
        }
        if (event instanceof SupportContactReset e) {
            return List.of(lostSupport(e.previousSupportTenantId(), e.providerTenantId(), e.subscriptionId(),
                    e.customerId(), e.occurredAt()));
        }
        if (event instanceof SubscriptionCreated e) {
            if (e.resellerTenantId() == null) {
                return List.of(); // no reseller of record: nobody gets credit, nobody to tell
            }
            // Later changes are ResellerOfRecordChanged (reseller_of_record_gained / _lost); this is the first one.
            return List.of(intent(NotificationType.reseller_of_record_at_purchase, e.resellerTenantId(),
                    e.providerTenantId(), "subscriptionId", e.subscriptionId(), "customerId", e.customerId(),
                    "partnerId", text(e.partnerId()), "quantity", e.quantity(), "at", time(e.occurredAt())));
        }
        if (event instanceof ResellerAssociated e) {
            // The new reseller only. A reseller it replaced learns it from the DelegatedAdminRevoked that
            // customer-service publishes with every replacement (delegated_admin_revoked): one message each for the
            // association, not two to the previous one (a tenant-owner grant ending with it is a message of its
            // own: docs/notifications.md).
            // DelegatedAdminGranted, which follows, notifies nobody: this message (or customer_created_for_reseller)
            // already says it.
            return List.of(intent(NotificationType.reseller_associated, e.resellerTenantId(), e.providerTenantId(),
                    "customerId", e.customerId(), "at", time(e.occurredAt())));
        }
        if (event instanceof TenantOwnerGranted e) {
            return List.of(intent(NotificationType.tenant_owner_granted, e.resellerTenantId(), e.providerTenantId(),
                    "customerId", e.customerId(), "at", time(e.occurredAt())));
        }
        if (event instanceof TenantOwnerRevoked e) {
            return List.of(intent(NotificationType.tenant_owner_revoked, e.resellerTenantId(), e.providerTenantId(),
                    "customerId", e.customerId(), "at", time(e.occurredAt())));
        }
        if (event instanceof DelegatedAdminRevoked e) {
            // An absent reason stays absent: the message then says, in its language, that none was given.
            return List.of(intent(NotificationType.delegated_admin_revoked, e.resellerTenantId(), e.providerTenantId(),
                    "customerId", e.customerId(), "reason", text(e.reason()), "at", time(e.occurredAt())));
        }
        if (event instanceof OrderRejected e) {
            return List.of(intent(NotificationType.order_rejected, e.providerTenantId(), e.providerTenantId(),
                    "orderId", e.orderId(), "customerId", e.customerId(), "reasons", reasons(e.reasons()),
                    "at", time(e.occurredAt())));
        }
        return List.of();
    }

    /**
     * One summary to each of the job's two resellers: what the source lost is what the target gained (the job's
     * counts per kind). The source also hears what was refused (it stays with it), the target what it already held.
     * When nothing moved, neither is told: nothing changed for them. The provider started the job and follows it
     * on partnership-service's job endpoint, so it is not mailed either. Never a customer.
     */
    private static List<NotificationIntent> reassignmentSummaries(ReassignmentCompleted e) {
        ReassignmentCounts moved = e.moved();
        if (moved.customerAdmin() + moved.tenantOwner() + moved.resellerOfRecord() + moved.supportContact() == 0) {
            return List.of();
        }
        Object[] facts = {"jobId", e.jobId(), "customerAdmin", moved.customerAdmin(),
                "tenantOwner", moved.tenantOwner(), "resellerOfRecord", moved.resellerOfRecord(),
                "supportContact", moved.supportContact(), "unchanged", e.unchanged(), "refused", e.refused(),
                "at", time(e.occurredAt())};
        return List.of(
                intent(NotificationType.reassignment_lost, e.sourceResellerTenantId(), e.providerTenantId(), facts),
                intent(NotificationType.reassignment_gained, e.targetResellerTenantId(), e.providerTenantId(), facts));
    }

    private static NotificationIntent lostSupport(UUID reseller, UUID provider, UUID subscription, UUID customer,
                                                  Instant at) {
        return intent(NotificationType.support_contact_lost, reseller, provider, "subscriptionId", subscription,
                "customerId", customer, "at", time(at));
    }

    /** One reason per line: "- message (code, field)". */
    static String reasons(List<RejectionReason> reasons) {
        if (reasons.isEmpty()) {
            return "- (no reason given)";
        }
        return reasons.stream().map(r -> {
            String where = r.field() == null || r.field().isBlank() ? "" : ", " + r.field();
            return "- " + text(r.message()) + " (" + text(r.code()) + where + ")";
        }).collect(Collectors.joining("\n"));
    }

    private static NotificationIntent intent(NotificationType type, UUID recipient, UUID provider,
                                             Object... keysAndValues) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("providerTenantId", provider.toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            facts.put((String) keysAndValues[i], text(keysAndValues[i + 1]));
        }
        return new NotificationIntent(type, recipient, provider, facts);
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
