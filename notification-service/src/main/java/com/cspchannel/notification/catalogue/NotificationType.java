package com.cspchannel.notification.catalogue;

/**
 * Every kind of notification this service sends, and to whom. The names are those of the API and of the
 * metrics' {@code type} tag (a fixed, small set). Customers are never recipients.
 */
public enum NotificationType {
    /** PartnershipAccepted: the provider learns that a reseller accepted its invitation. */
    partnership_accepted(RecipientKind.provider),
    /** PartnershipRemoved: the provider only, reminded that no notice went to the reseller or its customers. */
    partnership_removed(RecipientKind.provider),
    /** CustomerCreated with an associatedPartnerId: the reseller has a new customer to administer. */
    customer_created_for_reseller(RecipientKind.reseller),
    /** ResellerOfRecordChanged: the reseller that gained it. */
    reseller_of_record_gained(RecipientKind.reseller),
    /** ResellerOfRecordChanged: the reseller that lost it. */
    reseller_of_record_lost(RecipientKind.reseller),
    /** SupportContactDesignated: the reseller that became support contact. */
    support_contact_designated(RecipientKind.reseller),
    /** SupportContactReset, or a designation that replaced another reseller: the reseller that lost it. */
    support_contact_lost(RecipientKind.reseller),
    /** OrderRejected: the provider, with the reasons. */
    order_rejected(RecipientKind.provider);

    private final RecipientKind recipientKind;

    NotificationType(RecipientKind recipientKind) {
        this.recipientKind = recipientKind;
    }

    public RecipientKind recipientKind() {
        return recipientKind;
    }
}
