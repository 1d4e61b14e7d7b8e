package com.cspchannel.subscription.query;

import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.subscription.command.SubscriptionReassignment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A subscription's history read from the event store itself: every change with who, when and what. It is
 * complete and kept forever (Partner Center keeps 90 days), so incentive disputes can be settled.
 */
@Component
public class SubscriptionHistory {

    /** One change. */
    public record Change(Instant at, String type, String by, Map<String, Object> what) {
    }

    private final EventStore eventStore;

    public SubscriptionHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The subscription's changes as {@code scope} may see them. A provider sees everything. A reseller sees the
     * changes of what it holds and nothing of other resellers or of the provider's users: no {@code by}, no other
     * reseller's PartnerID, and reseller-of-record and support-contact changes only where it is on one side.
     */
    public List<Change> of(UUID subscriptionId, TenantScope scope) {
        UUID reseller = scope.isProvider() ? null : scope.resellerTenantId();
        List<Change> changes = new ArrayList<>();
        eventStore.readEvents(subscriptionId.toString()).asStream().forEach(message -> {
            if (message.getPayload() instanceof PublicEvent event) {
                describe(event, reseller).ifPresent(change -> {
                    // a change a reassignment job made names the job, for the provider (its metadata, see
                    // SubscriptionReassignment)
                    if (reseller == null && message.getMetaData().get(SubscriptionReassignment.JOB_ID)
                            instanceof String job) {
                        change.what().put(SubscriptionReassignment.JOB_ID, job);
                    }
                    changes.add(change);
                });
            }
        });
        return changes;
    }

    /** The change an event made, as the provider ({@code reseller} null) or that reseller may see it. */
    private static Optional<Change> describe(PublicEvent event, UUID reseller) {
        String type = EventCatalog.of(event).javaType().getSimpleName();
        Map<String, Object> what = new LinkedHashMap<>();
        String by;
        if (event instanceof SubscriptionCreated e) {
            by = e.createdBy();
            put(what, "offerId", e.offerId());
            put(what, "quantity", e.quantity());
            put(what, "partnerId", mayKnow(reseller, e.resellerTenantId()) ? e.partnerId() : null);
            put(what, "orderId", e.orderId());
        } else if (event instanceof SubscriptionQuantityChanged e) {
            by = e.changedBy();
            put(what, "fromQuantity", e.fromQuantity());
            put(what, "toQuantity", e.toQuantity());
        } else if (event instanceof SubscriptionUpgraded e) {
            by = e.upgradedBy();
            put(what, "fromOfferId", e.fromOfferId());
            put(what, "toOfferId", e.toOfferId());
            put(what, "quantity", e.quantity());
        } else if (event instanceof ResellerOfRecordChanged e) {
            if (!mayKnow(reseller, e.fromResellerTenantId()) && !mayKnow(reseller, e.toResellerTenantId())) {
                return Optional.empty();
            }
            by = e.changedBy();
            put(what, "fromPartnerId", mayKnow(reseller, e.fromResellerTenantId()) ? e.fromPartnerId() : null);
            put(what, "toPartnerId", mayKnow(reseller, e.toResellerTenantId()) ? e.toPartnerId() : null);
        } else if (event instanceof SupportContactDesignated e) {
            if (!mayKnow(reseller, e.supportTenantId())) {
                return Optional.empty();
            }
            by = e.designatedBy();
            put(what, "supportTenantId", e.supportTenantId());
            put(what, "supportMpnId", e.supportMpnId());
            put(what, "name", e.name());
        } else if (event instanceof SupportContactReset e) {
            if (!mayKnow(reseller, e.previousSupportTenantId())) {
                return Optional.empty();
            }
            by = e.resetBy();
            put(what, "previousSupportTenantId", e.previousSupportTenantId());
        } else {
            by = null;
        }
        return Optional.of(new Change(event.occurredAt(), type, reseller == null ? by : null, what));
    }

    /** Whether the viewer may know about {@code party}: the provider always, a reseller only about itself. */
    private static boolean mayKnow(UUID reseller, UUID party) {
        return reseller == null || reseller.equals(party);
    }

    private static void put(Map<String, Object> what, String key, Object value) {
        if (value != null) {
            what.put(key, value);
        }
    }
}
