package com.cspchannel.customer.web;

import com.cspchannel.customer.command.NewCustomer;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/** Request bodies of the customer API (Partner Center's field names), validated before anything is done. */
final class CustomerRequests {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private CustomerRequests() {
    }

    record CompanyProfileRequest(
            @NotBlank @Size(max = 200) String companyName,
            @NotBlank @Size(max = 253) @Pattern(regexp = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
                    message = "must be a domain such as contoso.onmicrosoft.com") String domain) {
    }

    record AddressRequest(
            @NotBlank @Size(max = 200) String addressLine1,
            @Size(max = 200) String addressLine2,
            @NotBlank @Size(max = 100) String city,
            @Size(max = 100) String state,
            @NotBlank @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as DE") String country) {

        @AssertTrue(message = "must be an ISO 3166 country code such as DE")
        boolean isCountryKnown() {
            return country == null || !country.matches("[A-Z]{2}") || COUNTRIES.contains(country);
        }
    }

    record BillingProfileRequest(
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Pattern(regexp = "[a-z]{2}-[A-Z]{2}", message = "must be a culture such as en-US") String culture,
            @NotBlank @Pattern(regexp = "[a-z]{2}", message = "must be a language such as en") String language,
            @NotBlank @Size(max = 200) String companyName,
            @NotNull @Valid AddressRequest defaultAddress) {
    }

    record LineItemRequest(
            @NotBlank @Size(max = 100) String offerId,
            @NotNull @Min(1) Integer quantity,
            @Pattern(regexp = "\\d{4,12}", message = "must be a PartnerID (digits)") String partnerIdOnRecord) {
    }

    record OrderRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid LineItemRequest> lineItems) {
    }

    record CreateCustomerRequest(
            @NotNull @Valid CompanyProfileRequest companyProfile,
            @NotNull @Valid BillingProfileRequest billingProfile,
            UUID associatedPartnerId,
            @Valid OrderRequest order) {

        NewCustomer toNewCustomer() {
            AddressRequest a = billingProfile.defaultAddress();
            BillingProfile billing = new BillingProfile(billingProfile.firstName(), billingProfile.lastName(),
                    billingProfile.email(), billingProfile.culture(), billingProfile.language(),
                    billingProfile.companyName(), new Address(a.addressLine1(), a.addressLine2(), a.city(), a.state(),
                    a.postalCode(), a.country()));
            List<OrderLine> lines = order == null ? List.of() : IntStream.range(0, order.lineItems().size())
                    .mapToObj(i -> {
                        LineItemRequest line = order.lineItems().get(i);
                        return new OrderLine(i + 1, line.offerId(), line.quantity(), line.partnerIdOnRecord());
                    }).toList();
            return new NewCustomer(new CompanyProfile(companyProfile.companyName(), companyProfile.domain()), billing,
                    associatedPartnerId, lines);
        }
    }

    record AssociateResellerRequest(@NotNull UUID resellerTenantId) {
    }

    record RevokeRequest(@Size(max = 1000) String reason) {
    }
}
