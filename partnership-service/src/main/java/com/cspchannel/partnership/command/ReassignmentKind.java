package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ReassignmentItem;

/** What a reassignment can move, named as in the associations view; in the order a customer's items move. */
public enum ReassignmentKind {
    /** Delegated administration of a customer (customer-service). */
    customer_admin(ReassignmentItem.CUSTOMER_ADMIN),
    /** A tenant-owner grant; it goes to the reseller administering the customer (customer-service). */
    tenant_owner(ReassignmentItem.TENANT_OWNER),
    /** Reseller of record of a subscription (subscription-service). */
    reseller_of_record(ReassignmentItem.RESELLER_OF_RECORD),
    /** Designated support contact of a subscription (subscription-service). */
    support_contact(ReassignmentItem.SUPPORT_CONTACT);

    private final String eventName;

    ReassignmentKind(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }
}
