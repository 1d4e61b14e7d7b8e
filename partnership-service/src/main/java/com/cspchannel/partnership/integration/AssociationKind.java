package com.cspchannel.partnership.integration;

/** What a reseller holds during an interval. */
public enum AssociationKind {
    /** A partnership with the provider (subject: the provider). */
    partnership,
    /** Delegated administration of a customer (subject: the customer). */
    customer_admin,
    /** A tenant-owner grant on a customer's Azure tenant (subject: the customer). */
    tenant_owner,
    /** Reseller of record of a subscription: credit for incentives (subject: the subscription). */
    reseller_of_record,
    /** Designated support contact of a subscription (subject: the subscription). */
    support_contact
}
