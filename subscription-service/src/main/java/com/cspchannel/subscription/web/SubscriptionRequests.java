package com.cspchannel.subscription.web;

import com.cspchannel.events.customer.OrderLine;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import org.openapitools.jackson.nullable.JsonNullable;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Request bodies of the subscription API, validated before anything is done. */
final class SubscriptionRequests {

    static final String PARTNER_ID = "\\d{4,12}";

    private SubscriptionRequests() {
    }

    record LineItemRequest(
            @NotBlank @Size(max = 100) String offerId,
            @NotNull @Min(1) Integer quantity,
            @Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String partnerIdOnRecord) {
    }

    record OrderRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid LineItemRequest> lineItems,
                        Boolean partnerOnRecordAttestationAccepted) {

        List<OrderLine> lines() {
            return IntStream.range(0, lineItems.size()).mapToObj(i -> {
                LineItemRequest line = lineItems.get(i);
                return new OrderLine(i + 1, line.offerId(), line.quantity(), line.partnerIdOnRecord());
            }).toList();
        }

        boolean attested() {
            return Boolean.TRUE.equals(partnerOnRecordAttestationAccepted);
        }
    }

    /**
     * A JSON Merge Patch (RFC 7396) of a subscription, with exactly one change: {@code quantity}; or
     * {@code offerId} (an upgrade) with an optional {@code quantity}; or {@code partnerId}, where {@code null}
     * clears the reseller of record. {@code partnerId} is a {@link JsonNullable}, so that "absent" (undefined)
     * and "set to null" stay apart, as merge-patch needs.
     */
    record SubscriptionPatch(
            @Min(1) Integer quantity,
            @Pattern(regexp = ".{1,100}") String offerId,
            // springdoc would describe the JsonNullable wrapper (an object); clients send a PartnerID or null
            @Schema(implementation = String.class, types = {"string", "null"}, pattern = PARTNER_ID,
                    description = "The new reseller of record's PLA PartnerID; null clears it")
            JsonNullable<@Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String> partnerId) {

        SubscriptionPatch {
            partnerId = partnerId == null ? JsonNullable.undefined() : partnerId;
        }

        @AssertTrue(message = "send exactly one change: quantity, offerId (with an optional quantity) or partnerId")
        @JsonIgnore
        boolean isOneChange() {
            boolean upgrade = offerId != null;
            boolean resellerOfRecord = partnerId.isPresent();
            boolean quantityOnly = quantity != null && !upgrade;
            return (upgrade ? 1 : 0) + (resellerOfRecord ? 1 : 0) + (quantityOnly ? 1 : 0) == 1;
        }
    }

    record SupportContactRequest(
            @NotNull UUID supportTenantId,
            @NotBlank @Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String supportMpnId,
            @NotBlank @Size(max = 200) String name) {
    }
}
