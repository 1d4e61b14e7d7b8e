package com.cspchannel.subscription.query;

import com.cspchannel.events.EventCatalog;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public List<Change> of(UUID subscriptionId) {
        List<Change> changes = new ArrayList<>();
        eventStore.readEvents(subscriptionId.toString()).asStream().forEach(message -> {
            if (message.getPayload() instanceof PublicEvent event) {
                changes.add(describe(event));
            }
        });
        return changes;
    }

    private static Change describe(PublicEvent event) {
        String type = EventCatalog.of(event).javaType().getSimpleName();
        Map<String, Object> what = new LinkedHashMap<>();
        String by;
        if (event instanceof SubscriptionCreated e) {
            by = e.createdBy();
            put(what, "offerId", e.offerId());
            put(what, "quantity", e.quantity());
            put(what, "partnerId", e.partnerId());
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
            by = e.changedBy();
            put(what, "fromPartnerId", e.fromPartnerId());
            put(what, "toPartnerId", e.toPartnerId());
        } else if (event instanceof SupportContactDesignated e) {
            by = e.designatedBy();
            put(what, "supportTenantId", e.supportTenantId());
            put(what, "supportMpnId", e.supportMpnId());
            put(what, "name", e.name());
        } else if (event instanceof SupportContactReset e) {
            by = e.resetBy();
            put(what, "previousSupportTenantId", e.previousSupportTenantId());
        } else {
            by = null;
        }
        return new Change(event.occurredAt(), type, by, what);
    }

    private static void put(Map<String, Object> what, String key, Object value) {
        if (value != null) {
            what.put(key, value);
        }
    }
}
