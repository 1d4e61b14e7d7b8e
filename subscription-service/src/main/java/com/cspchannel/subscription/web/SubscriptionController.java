package com.cspchannel.subscription.web;

import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.platform.web.ETags;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PlatformProblems;
import com.cspchannel.subscription.command.SubscriptionErrors;
import com.cspchannel.subscription.command.SubscriptionProblem;
import com.cspchannel.subscription.command.SubscriptionProblem.Raises;
import com.cspchannel.subscription.command.SubscriptionService;
import com.cspchannel.subscription.query.SubscriptionEntry;
import com.cspchannel.subscription.query.SubscriptionHistory;
import com.cspchannel.subscription.query.SubscriptionQueries;
import com.cspchannel.subscription.web.SubscriptionRequests.OrderRequest;
import com.cspchannel.subscription.web.SubscriptionRequests.SubscriptionPatch;
import com.cspchannel.subscription.web.SubscriptionRequests.SupportContactRequest;
import com.cspchannel.subscription.web.SubscriptionViews.OrderReview;
import com.cspchannel.subscription.web.SubscriptionViews.OrderView;
import com.cspchannel.subscription.web.SubscriptionViews.SubscriptionView;
import com.cspchannel.subscription.web.SubscriptionViews.SupportContact;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import java.util.UUID;

import static com.cspchannel.platform.web.PlatformProblem.CONCURRENT_CHANGE;
import static com.cspchannel.subscription.command.SubscriptionProblem.CUSTOMER_NOT_FOUND;
import static com.cspchannel.subscription.command.SubscriptionProblem.DECREASE_WINDOW_CLOSED;
import static com.cspchannel.subscription.command.SubscriptionProblem.INVALID_ORDER;
import static com.cspchannel.subscription.command.SubscriptionProblem.MPA_NOT_SIGNED;
import static com.cspchannel.subscription.command.SubscriptionProblem.ORDER_NOT_FOUND;
import static com.cspchannel.subscription.command.SubscriptionProblem.OWN_PARTNER_ID;
import static com.cspchannel.subscription.command.SubscriptionProblem.PGA_PARTNER_ID;
import static com.cspchannel.subscription.command.SubscriptionProblem.PROVIDER_NOT_REGISTERED;
import static com.cspchannel.subscription.command.SubscriptionProblem.QUANTITY_OUT_OF_RANGE;
import static com.cspchannel.subscription.command.SubscriptionProblem.REGION_MISMATCH;
import static com.cspchannel.subscription.command.SubscriptionProblem.RESELLER_NOT_ACTIVE;
import static com.cspchannel.subscription.command.SubscriptionProblem.RESELLER_NOT_PARTNERED;
import static com.cspchannel.subscription.command.SubscriptionProblem.SUBSCRIPTION_NOT_FOUND;
import static com.cspchannel.subscription.command.SubscriptionProblem.SUPPORT_ID_NOT_PLA;
import static com.cspchannel.subscription.command.SubscriptionProblem.UNKNOWN_PARTNER_ID;
import static com.cspchannel.subscription.command.SubscriptionProblem.UPGRADE_NOT_ALLOWED;

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
                    + "(codes 2072, 3000, 2204, 800039, 2201, 2203) and needs partnerOnRecordAttestationAccepted. "
                    + "Send Idempotency-Key (or MS-RequestId) to retry safely: a retry answers 200 with the order "
                    + "the first request placed, even while that one is still running.")
    @Raises({CUSTOMER_NOT_FOUND, INVALID_ORDER})
    @ApiResponse(responseCode = "201", description = "Order placed", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The same answer again: a retry "
            + "with the Idempotency-Key (or MS-RequestId) of a request already done")
    public ResponseEntity<OrderView> order(Caller caller, @PathVariable UUID customerId,
                                           @Valid @RequestBody OrderRequest request, ClientRequest client) {
        caller.requireProvider(SELLERS);
        Outcome<UUID> placed = service.placeOrder(caller.tenantId(), customerId, request.lines(), request.attested(),
                caller.userId(), client);
        OrderView order = OrderView.of(queries.order(customerId, placed.value(), caller.tenantId()).orElseThrow());
        return ResponseEntity.status(placed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/customers/" + customerId + "/orders/" + placed.value()))
                .header(ClientRequest.REPLAYED, Boolean.toString(placed.replayed()))
                .body(order);
    }

    @PostMapping("/orders/validation")
    @Operation(summary = "Review an order without placing it: the lines as they would be placed, or the very "
            + "error the order would answer")
    @Raises({CUSTOMER_NOT_FOUND, INVALID_ORDER})
    public OrderReview review(Caller caller, @PathVariable UUID customerId,
                              @Valid @RequestBody OrderRequest request) {
        caller.requireProvider(SELLERS);
        service.review(caller.tenantId(), customerId, request.lines(), request.attested());
        return new OrderReview(true, request.lines().stream().map(SubscriptionViews.LineView::of).toList());
    }

    @GetMapping("/orders")
    @Operation(summary = "The customer's orders (provider users)")
    @Raises(CUSTOMER_NOT_FOUND)
    public Page<OrderView> orders(Caller caller, @PathVariable UUID customerId,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        caller.requireProvider();
        visibleCustomer(caller, customerId);
        return queries.orders(customerId, caller.tenantId(), page, size).map(OrderView::of);
    }

    @GetMapping("/orders/{orderId}")
    @Operation(operationId = "getOrder", summary = "One order (provider users)")
    @Raises(ORDER_NOT_FOUND)
    public OrderView order(Caller caller, @PathVariable UUID customerId, @PathVariable UUID orderId) {
        caller.requireProvider();
        return queries.order(customerId, orderId, caller.tenantId()).map(OrderView::of).orElseThrow(() ->
                new DomainRuleViolation(SubscriptionProblem.ORDER_NOT_FOUND, "No such order."));
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "The customer's subscriptions you may see, filtered by reseller of record (partnerId) or status")
    @Raises(CUSTOMER_NOT_FOUND)
    public Page<SubscriptionView> subscriptions(Caller caller, @PathVariable UUID customerId,
                                                @RequestParam(required = false) @Pattern(regexp = "\\d{4,12}")
                                                String partnerId,
                                                @RequestParam(required = false) @Pattern(regexp = "active|suspended")
                                                String status,
                                                @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        TenantScope scope = visibleCustomer(caller, customerId);
        return queries.subscriptions(customerId, scope, partnerId, status, page, size).map(SubscriptionView::of);
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    @Operation(summary = "One subscription, with its ETag")
    @Raises(SUBSCRIPTION_NOT_FOUND)
    public ResponseEntity<SubscriptionView> subscription(Caller caller, @PathVariable UUID customerId,
                                                         @PathVariable UUID subscriptionId) {
        return answer(visible(caller, customerId, subscriptionId));
    }

    @PatchMapping(path = "/subscriptions/{subscriptionId}", consumes = {"application/merge-patch+json",
            "application/json"})
    @Operation(summary = "Change one thing (If-Match): quantity; or offerId (upgrade, optional quantity); or "
            + "partnerId (reseller of record, verified; null clears it). GlobalAdmin, AdminAgent, SalesAgent",
            description = "A JSON Merge Patch (RFC 7396, application/merge-patch+json; application/json is accepted "
                    + "too) with exactly one change.")
    @Raises({SUBSCRIPTION_NOT_FOUND, QUANTITY_OUT_OF_RANGE, DECREASE_WINDOW_CLOSED, UPGRADE_NOT_ALLOWED,
            RESELLER_NOT_PARTNERED, PROVIDER_NOT_REGISTERED, OWN_PARTNER_ID, UNKNOWN_PARTNER_ID, PGA_PARTNER_ID, RESELLER_NOT_ACTIVE, REGION_MISMATCH, MPA_NOT_SIGNED})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<SubscriptionView> patch(Caller caller, @PathVariable UUID customerId,
                                                  @PathVariable UUID subscriptionId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @Valid @RequestBody SubscriptionPatch patch, ClientRequest client) {
        caller.requireProvider(SELLERS);
        Long version = ETags.parseIfMatch(ifMatch);
        UUID provider = caller.tenantId();
        return answer(service.once(provider, customerId, subscriptionId, "patch", patch, client, () -> {
            if (patch.offerId() != null) {
                return service.upgrade(provider, customerId, subscriptionId, version, patch.offerId(),
                        patch.quantity(), caller.userId());
            }
            if (patch.partnerId().isPresent()) {
                return service.changeResellerOfRecord(provider, customerId, subscriptionId, version,
                        patch.partnerId().get(), caller.userId());
            }
            return service.changeQuantity(provider, customerId, subscriptionId, version, patch.quantity(),
                    caller.userId());
        }));
    }

    @GetMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "The designated support contact (the provider unless a reseller is designated)")
    @Raises(SUBSCRIPTION_NOT_FOUND)
    public SupportContact supportContact(Caller caller, @PathVariable UUID customerId,
                                         @PathVariable UUID subscriptionId) {
        return SupportContact.of(visible(caller, customerId, subscriptionId));
    }

    @PutMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "Designate a partnered reseller as support contact (GlobalAdmin, AdminAgent, HelpdeskAgent)")
    @Raises({SUBSCRIPTION_NOT_FOUND, RESELLER_NOT_PARTNERED, SUPPORT_ID_NOT_PLA})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<SubscriptionView> designate(Caller caller, @PathVariable UUID customerId,
                                                      @PathVariable UUID subscriptionId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody SupportContactRequest request,
                                                      ClientRequest client) {
        caller.requireProvider(SUPPORT);
        Long version = ETags.parseIfMatch(ifMatch);
        return answer(service.once(caller.tenantId(), customerId, subscriptionId, "designate-support-contact",
                request, client, () -> service.designateSupportContact(caller.tenantId(), customerId, subscriptionId,
                        version, request.supportTenantId(), request.supportMpnId(), request.name(), caller.userId())));
    }

    @DeleteMapping("/subscriptions/{subscriptionId}/supportcontact")
    @Operation(summary = "Return support to the provider (GlobalAdmin, AdminAgent, HelpdeskAgent)")
    @Raises(SUBSCRIPTION_NOT_FOUND)
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<SubscriptionView> reset(Caller caller, @PathVariable UUID customerId,
                                                  @PathVariable UUID subscriptionId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  ClientRequest client) {
        caller.requireProvider(SUPPORT);
        Long version = ETags.parseIfMatch(ifMatch);
        return answer(service.once(caller.tenantId(), customerId, subscriptionId, "reset-support-contact", null,
                client, () -> service.resetSupportContact(caller.tenantId(), customerId, subscriptionId, version,
                        caller.userId())));
    }

    @GetMapping("/subscriptions/{subscriptionId}/history")
    @Operation(summary = "Every change of the subscription with who, when and what, from the event store",
            description = "A reseller sees only the changes of what it holds, without user ids or other resellers' PartnerIDs.")
    @Raises(SUBSCRIPTION_NOT_FOUND)
    public Page<SubscriptionHistory.Change> history(Caller caller, @PathVariable UUID customerId,
                                                   @PathVariable UUID subscriptionId) {
        visible(caller, customerId, subscriptionId);
        return Page.all(history.of(subscriptionId, TenantScope.of(caller)));
    }

    /** The caller's scope, if it may know the customer; else 404, as for a customer that does not exist. */
    private TenantScope visibleCustomer(Caller caller, UUID customerId) {
        TenantScope scope = TenantScope.of(caller);
        if (!queries.customerVisible(customerId, scope)) {
            throw SubscriptionErrors.customerNotFound();
        }
        return scope;
    }

    private SubscriptionEntry visible(Caller caller, UUID customerId, UUID subscriptionId) {
        return queries.subscription(customerId, subscriptionId, TenantScope.of(caller))
                .orElseThrow(SubscriptionErrors::subscriptionNotFound);
    }

    private static ResponseEntity<SubscriptionView> answer(SubscriptionEntry entry) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(entry.version())).body(SubscriptionView.of(entry));
    }

    private static ResponseEntity<SubscriptionView> answer(Outcome<SubscriptionEntry> outcome) {
        return ResponseEntity.status(HttpStatus.OK).eTag(ETags.of(outcome.value().version()))
                .header(ClientRequest.REPLAYED, Boolean.toString(outcome.replayed()))
                .body(SubscriptionView.of(outcome.value()));
    }
}
