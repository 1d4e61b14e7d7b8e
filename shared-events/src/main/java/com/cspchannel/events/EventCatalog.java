package com.cspchannel.events;

import com.cspchannel.events.customer.AdminPasswordReset;
import com.cspchannel.events.customer.CustomerReassignmentProcessed;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentStarted;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.partnership.ResellerProfileUpdated;

import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionReassignmentProcessed;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every public event type, its published name and the topic it is published on. */
public final class EventCatalog {

    private static final List<EventType> TYPES = List.of(
            new EventType("partnership", ProviderProfileRegistered.class, 1),
            new EventType("partnership", ProviderProfileUpdated.class, 1),
            new EventType("partnership", ResellerEnrolled.class, 1),
            new EventType("partnership", ResellerProfileUpdated.class, 1),
            new EventType("partnership", ResellerComplianceChanged.class, 1),
            new EventType("partnership", PartnershipInvitationIssued.class, 1),
            new EventType("partnership", PartnershipAccepted.class, 1),
            new EventType("partnership", PartnershipRemoved.class, 1),
            new EventType("partnership", ReassignmentStarted.class, 1),
            new EventType("partnership", ReassignmentCompleted.class, 1),
            new EventType("partnership", ResellerIneligibilityReported.class, 1),
            new EventType("customer", CustomerCreated.class, 1),
            new EventType("customer", ResellerAssociated.class, 1),
            new EventType("customer", DelegatedAdminGranted.class, 1),
            new EventType("customer", DelegatedAdminRevoked.class, 1),
            new EventType("customer", TenantOwnerGranted.class, 1),
            new EventType("customer", TenantOwnerRevoked.class, 1),
            new EventType("customer", AdminPasswordReset.class, 1),
            new EventType("customer", CustomerReassignmentProcessed.class, 1),
            new EventType("subscription", OrderPlaced.class, 1),
            new EventType("subscription", OrderRejected.class, 1),
            new EventType("subscription", SubscriptionCreated.class, 1),
            new EventType("subscription", SubscriptionQuantityChanged.class, 1),
            new EventType("subscription", SubscriptionUpgraded.class, 1),
            new EventType("subscription", ResellerOfRecordChanged.class, 1),
            new EventType("subscription", SupportContactDesignated.class, 1),
            new EventType("subscription", SupportContactReset.class, 1),
            new EventType("subscription", SubscriptionReassignmentProcessed.class, 1));

    private static final Map<String, String> TOPIC_BY_DOMAIN = Map.of(
            "partnership", Topics.PARTNERSHIPS,
            "customer", Topics.CUSTOMERS,
            "subscription", Topics.SUBSCRIPTIONS);

    private static final Map<String, EventType> BY_NAME;
    private static final Map<Class<?>, EventType> BY_CLASS;

    static {
        Map<String, EventType> byName = new LinkedHashMap<>();
        Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
        for (EventType type : TYPES) {
            if (byName.put(type.name(), type) != null || byClass.put(type.javaType(), type) != null) {
                throw new IllegalStateException("event type registered twice: " + type.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventCatalog() {
    }

    public static List<EventType> all() {
        return TYPES;
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EventType> byClass(Class<?> javaType) {
        return Optional.ofNullable(BY_CLASS.get(javaType));
    }

    public static EventType of(PublicEvent event) {
        return byClass(event.getClass()).orElseThrow(() ->
                new IllegalArgumentException("not a registered public event: " + event.getClass().getName()));
    }

    /** The topic an event type is published on. */
    public static String topicOf(EventType type) {
        String topic = TOPIC_BY_DOMAIN.get(type.domain());
        if (topic == null) {
            throw new IllegalArgumentException("no topic for domain " + type.domain());
        }
        return topic;
    }
}
