package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;
import com.fasterxml.jackson.annotation.JsonAlias;

import java.util.UUID;

/**
 * One line of an order: an offer, a license count and, optionally, the reseller of record: its PLA PartnerID
 * ({@code partnerIdOnRecord}) and, resolved when the order was accepted, its tenant id.
 * <p>
 * {@code lineItemNumber} is Partner Center's name; events stored before the rename call it {@code lineNumber},
 * which is still read.
 */
public record OrderLine(@JsonAlias("lineNumber") int lineItemNumber, String offerId, int quantity, @OptionalField String partnerIdOnRecord,
                        @OptionalField UUID partnerOnRecordTenantId) {

    /** A line as a client asks for it, before the partner of record is resolved to a tenant. */
    public OrderLine(int lineItemNumber, String offerId, int quantity, String partnerIdOnRecord) {
        this(lineItemNumber, offerId, quantity, partnerIdOnRecord, null);
    }

    public OrderLine withPartnerOnRecordTenantId(UUID tenantId) {
        return new OrderLine(lineItemNumber, offerId, quantity, partnerIdOnRecord, tenantId);
    }
}
