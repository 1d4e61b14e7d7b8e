package com.cspchannel.customer.command;

import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.OrderLine;

import java.util.List;
import java.util.UUID;

/** What a provider asks for when it creates a customer: the profiles, an optional reseller, order lines. */
public record NewCustomer(CompanyProfile companyProfile, BillingProfile billingProfile, UUID associatedPartnerId,
                          List<OrderLine> lineItems) {

    public NewCustomer {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }
}
