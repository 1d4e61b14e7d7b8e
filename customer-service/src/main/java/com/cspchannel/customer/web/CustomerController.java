package com.cspchannel.customer.web;

import com.cspchannel.customer.command.CustomerErrors;
import com.cspchannel.customer.command.CustomerProblem.Raises;
import com.cspchannel.customer.command.CustomerService;
import com.cspchannel.customer.command.NewCustomer;
import com.cspchannel.customer.query.CustomerEntry;
import com.cspchannel.customer.query.CustomerQueries;
import com.cspchannel.customer.web.CustomerRequests.AssociateResellerRequest;
import com.cspchannel.customer.web.CustomerRequests.CreateCustomerRequest;
import com.cspchannel.customer.web.CustomerRequests.RevokeRequest;
import com.cspchannel.customer.web.CustomerView.CustomerPreview;
import com.cspchannel.customer.web.CustomerView.UserCredentials;
import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.Role;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.platform.web.ETags;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PlatformProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
import java.util.UUID;

import static com.cspchannel.customer.command.CustomerProblem.AZURE_PLAN_REQUIRED;
import static com.cspchannel.customer.command.CustomerProblem.CUSTOMER_NOT_FOUND;
import static com.cspchannel.customer.command.CustomerProblem.INVALID_CUSTOMER_REQUEST;
import static com.cspchannel.customer.command.CustomerProblem.NO_RESELLER_ASSOCIATED;
import static com.cspchannel.customer.command.CustomerProblem.NO_TENANT_OWNER_GRANT;
import static com.cspchannel.customer.command.CustomerProblem.PROVIDER_NOT_REGISTERED;
import static com.cspchannel.customer.command.CustomerProblem.RESELLER_NOT_PARTNERED;
import static com.cspchannel.platform.web.PlatformProblem.CONCURRENT_CHANGE;

/** Customers of a provider, created for itself or on a reseller's behalf; readable by the reseller it names. */
@RestController
@RequestMapping("/api/v1/customers")
@Validated
@Tag(name = "Customers", description = "Create customers for resellers, delegate administration, admin credentials")
public class CustomerController {

    private static final Role[] SELLERS = {Role.GlobalAdmin, Role.AdminAgent, Role.SalesAgent};

    private final CustomerService service;
    private final CustomerQueries queries;

    public CustomerController(CustomerService service, CustomerQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Create a customer, optionally for a reseller and with an order (GlobalAdmin, AdminAgent, "
            + "SalesAgent)", description = "All or nothing: every problem is reported at once and nothing is created. "
            + "The answer holds userCredentials with a temporary password, this one time only. Send Idempotency-Key "
            + "(or MS-RequestId) to retry safely: a retry answers the same customer, without the password.")
    @Raises({INVALID_CUSTOMER_REQUEST, PROVIDER_NOT_REGISTERED})
    @ApiResponse(responseCode = "201", description = "Customer created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The same answer again: a retry "
            + "with the Idempotency-Key (or MS-RequestId) of a request already done")
    public ResponseEntity<CustomerView> create(Caller caller, @Valid @RequestBody CreateCustomerRequest request,
                                               ClientRequest client) {
        caller.requireProvider(SELLERS);
        Outcome<CustomerService.Created> outcome = service.create(caller.tenantId(), caller.userId(),
                request.toNewCustomer(), client);
        CustomerService.Created created = outcome.value();
        UserCredentials credentials = new UserCredentials(created.userName(), created.password());
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/customers/" + created.customer().customerId()))
                .eTag(ETags.of(created.customer().version()))
                .cacheControl(CacheControl.noStore())
                .header(ClientRequest.REPLAYED, Boolean.toString(outcome.replayed()))
                .body(CustomerView.of(created.customer(), credentials));
    }

    @PostMapping("/validation")
    @Operation(summary = "Review a new customer without creating it: what would be created, or the very error "
            + "the create would answer")
    @Raises({INVALID_CUSTOMER_REQUEST, PROVIDER_NOT_REGISTERED})
    public CustomerPreview validate(Caller caller, @Valid @RequestBody CreateCustomerRequest request) {
        caller.requireProvider(SELLERS);
        NewCustomer customer = service.review(caller.tenantId(), request.toNewCustomer());
        AcceptedOrder order = customer.lineItems().isEmpty() ? null : new AcceptedOrder(null, customer.lineItems());
        return new CustomerPreview(true, customer.companyProfile(), customer.billingProfile(),
                customer.associatedPartnerId(), "admin@" + customer.companyProfile().domain(),
                order == null ? null : CustomerView.order(order, "accepted", List.of()));
    }

    @GetMapping
    @Operation(operationId = "listCustomers",
            summary = "List customers: a provider's own, or those a reseller administers (paginated)")
    public Page<CustomerView> list(Caller caller, @RequestParam(required = false) UUID indirectReseller,
                                   @RequestParam(required = false) @Size(max = 200) String q,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.list(TenantScope.of(caller), indirectReseller, q, page, size).map(CustomerView::of);
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "One customer, with its ETag (never its password)")
    @Raises(CUSTOMER_NOT_FOUND)
    public ResponseEntity<CustomerView> get(Caller caller, @PathVariable UUID customerId) {
        CustomerEntry entry = queries.find(customerId, TenantScope.of(caller)).orElseThrow(CustomerErrors::customerNotFound);
        return ResponseEntity.ok().eTag(ETags.of(entry.version())).body(CustomerView.of(entry));
    }

    @PutMapping("/{customerId}/reseller")
    @Operation(summary = "Associate a partnered reseller with an existing customer: it gets delegated administration "
            + "(GlobalAdmin, AdminAgent, SalesAgent; If-Match supported)")
    @Raises({CUSTOMER_NOT_FOUND, RESELLER_NOT_PARTNERED})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<CustomerView> associate(Caller caller, @PathVariable UUID customerId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @Valid @RequestBody AssociateResellerRequest request,
                                                  ClientRequest client) {
        caller.requireProvider(SELLERS);
        return answer(service.associateReseller(caller.tenantId(), customerId, request.resellerTenantId(),
                ETags.parseIfMatch(ifMatch), caller.userId(), client));
    }

    @DeleteMapping("/{customerId}/reseller")
    @Operation(summary = "Revoke the reseller's delegated administration (GlobalAdmin, AdminAgent, SalesAgent)")
    @Raises({CUSTOMER_NOT_FOUND, NO_RESELLER_ASSOCIATED})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<CustomerView> revoke(Caller caller, @PathVariable UUID customerId,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                               @Valid @RequestBody(required = false) RevokeRequest request,
                                               ClientRequest client) {
        caller.requireProvider(SELLERS);
        return answer(service.revokeDelegatedAdmin(caller.tenantId(), customerId, ETags.parseIfMatch(ifMatch),
                caller.userId(), request == null ? null : request.reason(), client));
    }

    @PutMapping("/{customerId}/tenant-owner")
    @Operation(summary = "Record a tenant-owner grant for the customer's reseller (GlobalAdmin, AdminAgent, "
            + "SalesAgent)", description = "Azure customers only: the customer must hold an Azure plan, and its "
            + "reseller an active partnership with you.")
    @Raises({CUSTOMER_NOT_FOUND, NO_RESELLER_ASSOCIATED, RESELLER_NOT_PARTNERED, AZURE_PLAN_REQUIRED})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<CustomerView> grantTenantOwner(Caller caller, @PathVariable UUID customerId,
                                                         ClientRequest client) {
        caller.requireProvider(SELLERS);
        return answer(service.grantTenantOwner(caller.tenantId(), customerId, caller.userId(), client));
    }

    @DeleteMapping("/{customerId}/tenant-owner")
    @Operation(summary = "Revoke the reseller's tenant-owner grant (GlobalAdmin, AdminAgent, SalesAgent)")
    @Raises({CUSTOMER_NOT_FOUND, NO_TENANT_OWNER_GRANT})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<CustomerView> revokeTenantOwner(Caller caller, @PathVariable UUID customerId,
                                                          ClientRequest client) {
        caller.requireProvider(SELLERS);
        return answer(service.revokeTenantOwner(caller.tenantId(), customerId, caller.userId(), client));
    }

    @PostMapping("/{customerId}/admin-password-reset")
    @Operation(summary = "Issue a new temporary admin password, shown once (GlobalAdmin, AdminAgent, HelpdeskAgent)",
            description = "A retry with the same Idempotency-Key (or MS-RequestId) resets nothing and answers the "
                    + "user name without a password; ask for a new reset, with a new key, if the password was lost.")
    @Raises(CUSTOMER_NOT_FOUND)
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<UserCredentials> resetPassword(Caller caller, @PathVariable UUID customerId,
                                                         ClientRequest client) {
        caller.requireProvider(Role.GlobalAdmin, Role.AdminAgent, Role.HelpdeskAgent);
        Outcome<CustomerService.Created> reset = service.resetAdminPassword(caller.tenantId(), customerId,
                caller.userId(), client);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .header(ClientRequest.REPLAYED, Boolean.toString(reset.replayed()))
                .body(new UserCredentials(reset.value().userName(), reset.value().password()));
    }

    private static ResponseEntity<CustomerView> answer(Outcome<CustomerEntry> outcome) {
        return ResponseEntity.ok().eTag(ETags.of(outcome.value().version()))
                .header(ClientRequest.REPLAYED, Boolean.toString(outcome.replayed())).body(CustomerView.of(outcome.value()));
    }

}
