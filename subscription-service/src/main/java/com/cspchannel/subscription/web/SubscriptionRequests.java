package com.cspchannel.subscription.web;

import com.cspchannel.events.customer.OrderLine;
import jakarta.validation.Valid;
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

    record SupportContactRequest(
            @NotNull UUID supportTenantId,
            @NotBlank @Pattern(regexp = PARTNER_ID, message = "must be a PartnerID (digits)") String supportMpnId,
            @NotBlank @Size(max = 200) String name) {
    }
}
