package com.cspchannel.partnership.web;

import com.cspchannel.events.partnership.ProgramStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Request bodies of the partnership API, validated before anything is done. */
final class Requests {

    static final String PARTNER_ID = "\\d{4,12}";
    static final String LANGUAGE = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Requests() {
    }

    record ProviderProfileRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String contactEmail,
            @NotBlank @Size(max = 100) String cspRegion,
            @NotBlank @Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String partnerId,
            @Pattern(regexp = LANGUAGE, message = "must be a language tag such as en-US") String preferredLanguage) {
    }

    record ResellerProfile(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String contactEmail,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as DE") String country,
            @NotBlank @Size(max = 100) String cspRegion,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = PARTNER_ID,
                    message = "must be a PartnerID (digits)") String> plaPartnerIds,
            @NotBlank @Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String pgaPartnerId,
            @Pattern(regexp = LANGUAGE, message = "must be a language tag such as de-DE") String preferredLanguage) {

        @AssertTrue(message = "must be an ISO 3166 country code such as DE")
        boolean isCountryKnown() {
            return country == null || !country.matches("[A-Z]{2}") || COUNTRIES.contains(country);
        }

        List<String> distinctPla() {
            return plaPartnerIds.stream().distinct().toList();
        }
    }

    record EnrolResellerRequest(@NotNull UUID resellerTenantId, @NotNull @Valid ResellerProfile profile) {
    }

    record ComplianceRequest(@NotNull List<@NotBlank @Size(max = 100) String> mpaSignedRegions,
                             @NotNull ProgramStatus programStatus) {
    }

    /** {@code resellerTenantId}, when given, is the only reseller that can use the invitation. */
    record InvitationRequest(
            @Email @Size(max = 320) String resellerEmail,
            @Size(max = 300) String subject,
            @Size(max = 10000) String body,
            UUID resellerTenantId) {
    }

    record RemovePartnershipRequest(Boolean goodFaithAttestation, @Size(max = 1000) String reason) {
    }
}
