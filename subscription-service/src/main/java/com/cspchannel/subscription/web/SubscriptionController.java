package com.cspchannel.subscription.web;

import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.cspchannel.platform.web.ETags;
import com.cspchannel.subscription.command.SubscriptionErrors;
import com.cspchannel.subscription.command.SubscriptionService;
import com.cspchannel.subscription.query.SubscriptionEntry;
import com.cspchannel.subscription.query.SubscriptionHistory;
import com.cspchannel.subscription.query.SubscriptionQueries;
import com.cspchannel.subscription.query.SubscriptionQueries.Scope;
import com.cspchannel.subscription.web.SubscriptionRequests.OrderRequest;
import com.cspchannel.subscription.web.SubscriptionRequests.SupportContactRequest;
import com.cspchannel.subscription.web.SubscriptionViews.OrderView;
import com.cspchannel.subscription.web.SubscriptionViews.Page;
import com.cspchannel.subscription.web.SubscriptionViews.SubscriptionView;
import com.cspchannel.subscription.web.SubscriptionViews.SupportContact;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders and subscriptions of a customer: licenses, upgrades, reseller of record, support contact, history. */
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
@Validated
@Tag(name = "Subscriptions", description = "Orders, licenses, upgrades, reseller of record, designated support contact")
public class SubscriptionController {

    private static final Role[] SELLERS = {Role.GlobalAdmin, Role.AdminAgent, Role.SalesAgent};
    private static final Role[] SUPPORT = {Role.GlobalAdmin, Role.AdminAgent, Role.HelpdeskAgent};

    private final SubscriptionService service;
    private final SubscriptionQueries queries;
    private final SubscriptionHistory history;

    public SubscriptionController(SubscriptionService service, SubscriptionQueries queries,
                                  SubscriptionHistory history) {
        this.service = service;
        this.queries = queries;
        this.history = history;
    }

    @PostMapping("/orders")
    @Operation(summary = "Order subscriptions for an existing customer (GlobalAdmin, AdminAgent, SalesAgent)",
            description = "All lines valid or nothing is created. A partnerIdOnRecord must be a verified PLA id "
                    + "(codes 2072, 3000, 2204, 800039, 2201, 2203) and needs partnerOnRecordAttestationAccepted.")
    public ResponseEntity<OrderView> order(Caller caller, @PathVariable UUID customerId,
                                           @Valid @RequestBody OrderRequest request) {
        caller.requireProvider(SELLERS);
        UUID orderId = service.placeOrder(caller.tenantId(), customerId, request.lines(), request.attested(),
                caller.userId());
        OrderView order = OrderView.of(queries.order(customerId, orderId, caller.tenantId()).orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/orders/" + orderId)).body(order);
    }

    @PostMapping("/orders/validation")
    @Operation(summary = "Review an order without placing it: every problem, or valid")
    public Map<String, Object> review(Caller caller, @PathVariable UUID customerId,
                                      @Valid @RequestBody OrderRequest request) {
        caller.requireProvider(SELLERS);
        List<DomainRuleViolation.Violation> violations = service.review(caller.tenantId(), customerId,
                request.lines(), request.attested());
        if (!violations.isEmpty()) {
            throw new DomainRuleViolation(DomainRuleViolation.Kind.UNPROCESSABLE, "invalid-order",
                    "The order cannot be placed: " + violations.size() + " problem(s).", violations, Map.of());
        }
        return Map.of("valid", true, "lineItems", request.lines().stream().map(SubscriptionViews.LineView::of).toList());
    }

    @GetMapping("/orders")
    @Operation(summary = "The customer's orders (provider users)")
    public Page<OrderView> orders(Caller caller, @PathVariable UUID customerId,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireProvider();
        var result = queries.orders(customerId, caller.tenantId(), page, size);
        return new Page<>(result.items().stream().map(OrderView::of).toList(), result.totalCount(), page, size);
    }

    @GetMapping("/orders/{orderId}")
    @Operation(summary = "One order (provider users)")
    public OrderView order(Caller caller, @PathVariable UUID customerId, @PathVariable UUID orderId) {
        caller.requireProvider();
        return queries.order(customerId, orderId, caller.tenantId()).map(OrderView::of).orElseThrow(() ->
                DomainRuleViolation.notFound("order-not-found", "No such order."));
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "The customer's subscriptions you may see, filtered by reseller of record (partnerId) or status")
    public Page<SubscriptionView> subscriptions(Caller caller, @PathVariable UUID customerId,
                                                @RequestParam(required = false) @Pattern(regexp = "\\d{4,12}")
                                                String partnerId,
                                                @RequestParam(required = false) @Pattern(regexp = "active|suspended")
                                                String status,
                                                @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var result = queries.subscriptions(customerId, scope(caller), partnerId, status, page, size);
        return new Page<>(result.items().stream().map(SubscriptionView::of).toList(), result.totalCount(), page, size);
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    @Operation(summary = "One subscription, with its ETag")
    public ResponseEntity<SubscriptionView> subscription(Caller caller, @PathVariable UUID customerId,
                                                         @PathVariable UUID subscriptionId) {
        return answer(visible(caller, customerId, subscriptionId));
    }

    @PatchMapping("/subscriptions/{subscriptionId}")
    @Operation(summary = "Change one thing (If-Match): quantity; or offerId (upgrade, optional quantity); or "
            + "partnerId (reseller of record, verified; null clears it). GlobalAdmin, AdminAgent, SalesAgent")
    public ResponseEntity<SubscriptionView> patch(Caller caller, @PathVariable UUID customerId,
                                                  @PathVariable UUID subscriptionId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @RequestBody JsonNode body) {
        caller.requireProvider(SELLERS);
        Long version = ETags.parseIfMatch(ifMatch);
        if (body == null || !body.isObject()) {
            throw invalidPatch("The body must be a JSON object.");
        }
        boolean hasQuantity = body.has("quantity");
        boolean hasOffer = body.has("offerId");
        boolean hasPartner = body.has("partnerId");
        int kinds = (hasOffer ? 1 : 0) + (hasPartner ? 1 : 0) + (hasQuantity && !hasOffer ? 1 : 0);
        if (kinds != 1 || body.size() > (hasOffer && hasQuantity ? 2 : 1)) {
            throw invalidPatch("Send exactly one change: quantity, offerId (with an optional quantity) or partnerId.");
        }
        Integer quantity = hasQuantity ? quantity(body.get("quantity")) : null;
        SubscriptionEntry changed;
        if (hasOffer) {
            changed = service.upgrade(caller.tenantId(), customerId, subscriptionId, version,
                    text(body.get("offerId"), "offerId", ".{1,100}"), quantity, caller.userId());
        } else if (hasPartner) {
            String partnerId = body.get("partnerId").isNull() ? null
                    : text(body.get("partnerId"), "partnerId", SubscriptionRequests.PARTNER_ID);
            changed = service.changeResellerOfRecord(caller.tenantId(), customerId, subscriptionId, version,
                    partnerId, caller.userId());
        } else {
            changed = service.changeQuantity(caller.tenantId(), customerId, subscriptionId, version, quantity,
                    caller.userId());
        }
        return answer(changed);
    }

    @GetMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "The designated support contact (the provider unless a reseller is designated)")
    public SupportContact supportContact(Caller caller, @PathVariable UUID customerId,
                                         @PathVariable UUID subscriptionId) {
        return SupportContact.of(visible(caller, customerId, subscriptionId));
    }

    @PutMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "Designate a partnered reseller as support contact (GlobalAdmin, AdminAgent, HelpdeskAgent)")
    public ResponseEntity<SubscriptionView> designate(Caller caller, @PathVariable UUID customerId,
                                                      @PathVariable UUID subscriptionId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody SupportContactRequest request) {
        caller.requireProvider(SUPPORT);
        return answer(service.designateSupportContact(caller.tenantId(), customerId, subscriptionId,
                ETags.parseIfMatch(ifMatch), request.supportTenantId(), request.supportMpnId(), request.name(),
                caller.userId()));
    }

    @DeleteMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "Return support to the provider (GlobalAdmin, AdminAgent, HelpdeskAgent)")
    public ResponseEntity<SubscriptionView> reset(Caller caller, @PathVariable UUID customerId,
                                                  @PathVariable UUID subscriptionId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        caller.requireProvider(SUPPORT);
        return answer(service.resetSupportContact(caller.tenantId(), customerId, subscriptionId,
                ETags.parseIfMatch(ifMatch), caller.userId()));
    }

    @GetMapping("/subscriptions/{subscriptionId}/history")
    @Operation(summary = "Every change of the subscription with who, when and what, from the event store")
    public Map<String, Object> history(Caller caller, @PathVariable UUID customerId, @PathVariable UUID subscriptionId) {
        visible(caller, customerId, subscriptionId);
        return Map.of("items", history.of(subscriptionId));
    }

    private SubscriptionEntry visible(Caller caller, UUID customerId, UUID subscriptionId) {
        return queries.subscription(customerId, subscriptionId, scope(caller))
                .orElseThrow(SubscriptionErrors::subscriptionNotFound);
    }

    private static Scope scope(Caller caller) {
        caller.requireTenantUser();
        return caller.isProvider() ? Scope.provider(caller.tenantId()) : Scope.reseller(caller.tenantId());
    }

    private static ResponseEntity<SubscriptionView> answer(SubscriptionEntry entry) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(entry.version())).body(SubscriptionView.of(entry));
    }

    private static Integer quantity(JsonNode node) {
        if (!node.isInt() || node.asInt() < 1) {
            throw new DomainRuleViolation(DomainRuleViolation.Kind.INVALID, "invalid-request", "quantity must be a "
                    + "positive whole number.", List.of(new DomainRuleViolation.Violation("quantity", "out-of-range",
                    "must be a positive whole number")), Map.of());
        }
        return node.asInt();
    }

    private static String text(JsonNode node, String field, String pattern) {
        if (!node.isTextual() || !node.asText().matches(pattern)) {
            throw new DomainRuleViolation(DomainRuleViolation.Kind.INVALID, "invalid-request", field + " is invalid.",
                    List.of(new DomainRuleViolation.Violation(field, "invalid-format", "is invalid")), Map.of());
        }
        return node.asText();
    }

    private static DomainRuleViolation invalidPatch(String message) {
        return DomainRuleViolation.invalid("invalid-request", message);
    }
}
