package com.cspchannel.events.customer;

import com.cspchannel.events.OptionalField;

/** A postal address; {@code country} is an ISO 3166 alpha-2 code. */
public record Address(String addressLine1, @OptionalField String addressLine2, String city,
                      @OptionalField String state, String postalCode, String country) {
}
