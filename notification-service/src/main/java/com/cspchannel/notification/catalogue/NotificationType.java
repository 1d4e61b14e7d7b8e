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
    order_rejected(RecipientKind.provider),
    /** SubscriptionCreated with a reseller of record: that reseller, named at purchase. */
    reseller_of_record_at_purchase(RecipientKind.reseller),
    /** ResellerAssociated: the reseller that now administers an existing customer (not the one it replaced). */
    reseller_associated(RecipientKind.reseller),
    /** TenantOwnerGranted: the reseller given tenant-owner rights on the customer's Azure tenant. */
    tenant_owner_granted(RecipientKind.reseller),
    /** TenantOwnerRevoked: the reseller whose tenant-owner grant was revoked. */
    tenant_owner_revoked(RecipientKind.reseller),
    /** DelegatedAdminRevoked: the reseller that no longer administers the customer (revoked, or replaced). */
    delegated_admin_revoked(RecipientKind.reseller),
    /**
     * ResellerIneligibilityReported: the provider, with every customer the reseller administers and every
     * subscription naming it, and that nothing was changed.
     */
    reseller_ineligible(RecipientKind.provider),
    /**
     * ReassignmentCompleted: the source reseller, once per job, with how many items of each kind moved away from it
     * (the job's single moves tell nobody).
     */
    reassignment_lost(RecipientKind.reseller),
    /** ReassignmentCompleted: the target reseller, once per job, with how many items of each kind it gained. */
    reassignment_gained(RecipientKind.reseller);

    private final RecipientKind recipientKind;

    NotificationType(RecipientKind recipientKind) {
        this.recipientKind = recipientKind;
    }

    public RecipientKind recipientKind() {
        return recipientKind;
    }
}
