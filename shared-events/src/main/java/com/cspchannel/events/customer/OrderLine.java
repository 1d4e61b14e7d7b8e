package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;

import java.util.UUID;

/**
 * One line of an order: an offer, a license count and, optionally, the reseller of record: its PLA PartnerID
 * ({@code partnerIdOnRecord}) and, resolved when the order was accepted, its tenant id.
 */
public record OrderLine(int lineNumber, String offerId, int quantity, @OptionalField String partnerIdOnRecord,
                        @OptionalField UUID partnerOnRecordTenantId) {

    /** A line as a client asks for it, before the partner of record is resolved to a tenant. */
    public OrderLine(int lineNumber, String offerId, int quantity, String partnerIdOnRecord) {
        this(lineNumber, offerId, quantity, partnerIdOnRecord, null);
    }

    public OrderLine withPartnerOnRecordTenantId(UUID tenantId) {
        return new OrderLine(lineNumber, offerId, quantity, partnerIdOnRecord, tenantId);
    }
}
