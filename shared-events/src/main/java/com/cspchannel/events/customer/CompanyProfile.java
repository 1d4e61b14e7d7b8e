package com.cspchannel.events.customer;

/** A customer's company profile: its name and its directory domain (e.g. {@code contoso.onmicrosoft.com}). */
public record CompanyProfile(String companyName, String domain) {
}
