package com.cspchannel.events.customer;

/** Who the customer's bills go to, in which culture and language, at which address. */
public record BillingProfile(String firstName, String lastName, String email, String culture, String language,
                             String companyName, Address defaultAddress) {
}
