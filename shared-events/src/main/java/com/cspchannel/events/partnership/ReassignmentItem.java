package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;

import java.util.UUID;

/**
 * One thing a reassignment job moves from the source reseller to the target: its {@code kind} (as in the
 * associations view: {@code customer_admin}, {@code tenant_owner}, {@code reseller_of_record},
 * {@code support_contact}), the customer, and for the last two the subscription. {@code refusalCode} is set when
 * partnership-service's check already refused the item when the job started (the code the single operation would
 * answer, e.g. {@code 2203}); such an item is not moved by anyone.
 */
public record ReassignmentItem(String kind, UUID customerId, @OptionalField UUID subscriptionId,
                               @OptionalField String refusalCode) {

    public static final String CUSTOMER_ADMIN = "customer_admin";
    public static final String TENANT_OWNER = "tenant_owner";
    public static final String RESELLER_OF_RECORD = "reseller_of_record";
    public static final String SUPPORT_CONTACT = "support_contact";

    /** Whether customer-service owns this item (the others are subscription-service's). */
    public boolean ownedByCustomerService() {
        return CUSTOMER_ADMIN.equals(kind) || TENANT_OWNER.equals(kind);
    }
}
