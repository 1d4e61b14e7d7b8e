package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;

/** One line of an order: an offer, a license count and, optionally, the reseller of record (a PLA PartnerID). */
public record OrderLine(int lineNumber, String offerId, int quantity, @OptionalField String partnerIdOnRecord) {
}
