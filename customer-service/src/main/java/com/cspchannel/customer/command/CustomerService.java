package com.cspchannel.customer.command;

import com.cspchannel.customer.command.Commands.AssociateReseller;
import com.cspchannel.customer.command.Commands.CreateCustomer;
import com.cspchannel.customer.command.Commands.GrantTenantOwner;
import com.cspchannel.customer.command.Commands.ResetAdminPassword;
import com.cspchannel.customer.command.Commands.RevokeDelegatedAdmin;
import com.cspchannel.customer.command.Commands.RevokeTenantOwner;
import com.cspchannel.customer.query.CustomerEntry;
import com.cspchannel.customer.query.CustomerQueries;
import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.TenantScope;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Customers of a provider: create (all or nothing, with the one-time admin credentials), associate a reseller,
 * revoke its delegated administration, tenant-owner grants, password resets. Each method runs in one
 * transaction that the command joins, so the events, the views, the credential hash and the idempotency key
 * commit together.
 */
@Service
public class CustomerService {

    /** New admin credentials: the password is present only when it was issued by this request, never on a replay. */
    public record Created(CustomerEntry customer, String userName, String password) {
    }

    private final CommandGateway commands;
    private final CustomerQueries customers;
    private final NewCustomerValidator validator;
    private final PartnerFacts partners;
    private final IdempotentRequests idempotentRequests;
    private final PasswordEncoder passwords;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CustomerService(CommandGateway commands, CustomerQueries customers, NewCustomerValidator validator,
                           PartnerFacts partners, IdempotentRequests idempotentRequests, PasswordEncoder passwords,
                           JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.customers = customers;
        this.validator = validator;
        this.partners = partners;
        this.idempotentRequests = idempotentRequests;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The seed's review step: the customer as it would be created, or the very error the create would answer
     * (the same checks, in the same order); no side effects.
     */
    @Transactional(readOnly = true)
    public NewCustomer review(UUID provider, NewCustomer request) {
        return checked(provider, request);
    }

    private NewCustomer checked(UUID provider, NewCustomer request) {
        NewCustomer normalised = normalised(request);
        List<DomainRuleViolation.Violation> violations = validator.check(provider, normalised);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return normalised;
    }

    /**
     * Creates a customer, all or nothing. With a client request id, a retry answers the same customer, without
     * the password, which is shown once.
     */
    @Transactional
    public Outcome<Created> create(UUID provider, String createdBy, NewCustomer request, ClientRequest client) {
        return idempotentRequests.once(provider, client, "customer.create", request,
                () -> createNow(provider, createdBy, request), created -> created.customer().customerId(),
                id -> credentialsReplayed(provider, UUID.fromString(id)));
    }

    private Created createNow(UUID provider, String createdBy, NewCustomer request) {
        NewCustomer normalised = checked(provider, request);
        UUID customerId = UUID.randomUUID();
        String userName = "admin@" + normalised.companyProfile().domain();
        AcceptedOrder order = normalised.lineItems().isEmpty() ? null
                : new AcceptedOrder(UUID.randomUUID(), normalised.lineItems().stream()
                .map(line -> line.partnerIdOnRecord() == null ? line : line.withPartnerOnRecordTenantId(
                        partners.resellerOfPla(line.partnerIdOnRecord()).orElseThrow()))
                .toList());
        try {
            commands.sendAndWait(new CreateCustomer(customerId.toString(), provider, normalised.companyProfile(),
                    normalised.billingProfile(), normalised.associatedPartnerId(), userName, order, createdBy));
        } catch (RuntimeException e) {
            throw domainTakenIfDuplicate(e, normalised.companyProfile().domain());
        }
        String password = issuePassword(customerId, userName);
        return new Created(requireCustomer(provider, customerId), userName, password);
    }

    private Created credentialsReplayed(UUID provider, UUID customerId) {
        CustomerEntry customer = requireCustomer(provider, customerId);
        return new Created(customer, customer.adminUserName(), null);
    }

    @Transactional
    public Outcome<CustomerEntry> associateReseller(UUID provider, UUID customerId, UUID reseller,
                                                    Long expectedVersion, String by, ClientRequest client) {
        return once(provider, customerId, "customer.associate-reseller", reseller, client, () -> {
            requireCustomer(provider, customerId);
            requirePartnered(provider, reseller);
            send(new AssociateReseller(customerId.toString(), expectedVersion, provider, reseller, by));
        });
    }

    @Transactional
    public Outcome<CustomerEntry> revokeDelegatedAdmin(UUID provider, UUID customerId, Long expectedVersion,
                                                       String by, String reason, ClientRequest client) {
        return once(provider, customerId, "customer.revoke-delegated-admin", reason, client, () -> {
            requireCustomer(provider, customerId);
            send(new RevokeDelegatedAdmin(customerId.toString(), expectedVersion, provider, by, reason));
        });
    }

    /**
     * Records a tenant-owner grant for the customer's reseller. Tenant ownership is for Azure: the customer must
     * hold an Azure plan (learnt from subscription-service's events), and the reseller must still be partnered.
     */
    @Transactional
    public Outcome<CustomerEntry> grantTenantOwner(UUID provider, UUID customerId, String by, ClientRequest client) {
        return once(provider, customerId, "customer.grant-tenant-owner", null, client, () -> {
            CustomerEntry customer = requireCustomer(provider, customerId);
            if (customer.associatedReseller() == null) {
                throw CustomerErrors.noResellerAssociated();
            }
            requirePartnered(provider, customer.associatedReseller());
            if (!customers.holdsAzurePlan(customerId)) {
                throw new DomainRuleViolation(CustomerProblem.AZURE_PLAN_REQUIRED, "Tenant-owner rights are for "
                        + "Azure customers: order an Azure plan for this customer first.");
            }
            send(new GrantTenantOwner(customerId.toString(), provider, by));
        });
    }

    @Transactional
    public Outcome<CustomerEntry> revokeTenantOwner(UUID provider, UUID customerId, String by, ClientRequest client) {
        return once(provider, customerId, "customer.revoke-tenant-owner", null, client, () -> {
            requireCustomer(provider, customerId);
            send(new RevokeTenantOwner(customerId.toString(), provider, by));
        });
    }

    /**
     * A new temporary password, returned once; only its hash is kept. A retry with the same client request id
     * resets nothing and answers the user name only: a client that lost the password asks for a new reset.
     */
    @Transactional
    public Outcome<Created> resetAdminPassword(UUID provider, UUID customerId, String by, ClientRequest client) {
        return idempotentRequests.once(provider, client, "customer.reset-admin-password:" + customerId, null, () -> {
            requireCustomer(provider, customerId);
            String userName = send(new ResetAdminPassword(customerId.toString(), provider, by));
            String password = issuePassword(customerId, userName);
            return new Created(requireCustomer(provider, customerId), userName, password);
        }, created -> customerId, id -> credentialsReplayed(provider, customerId));
    }

    /** A change of one customer, done once per client request id; a retry answers the customer as it is now. */
    private Outcome<CustomerEntry> once(UUID provider, UUID customerId, String operation, Object body,
                                        ClientRequest client, Runnable change) {
        return idempotentRequests.once(provider, client, operation + ":" + customerId, body, () -> {
            change.run();
            return requireCustomer(provider, customerId);
        }, CustomerEntry::customerId, id -> requireCustomer(provider, customerId));
    }

    private void requirePartnered(UUID provider, UUID reseller) {
        if (!partners.activePartnership(provider, reseller)) {
            throw new DomainRuleViolation(CustomerProblem.RESELLER_NOT_PARTNERED,
                    "The reseller has no active partnership with you: it must accept your invitation first.");
        }
    }

    private String issuePassword(UUID customerId, String userName) {
        String password = TemporaryPasswords.generate();
        jdbc.update("""
                insert into admin_credential (customer_id, user_name, password_hash, issued_at) values (?, ?, ?, ?)
                on conflict (customer_id) do update set password_hash = excluded.password_hash,
                    issued_at = excluded.issued_at""",
                customerId, userName, passwords.encode(password), Timestamp.from(clock.instant()));
        return password;
    }

    private CustomerEntry requireCustomer(UUID provider, UUID customerId) {
        return customers.find(customerId, TenantScope.provider(provider))
                .orElseThrow(CustomerErrors::customerNotFound);
    }

    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw CustomerErrors.customerNotFound();
        }
    }

    private static NewCustomer normalised(NewCustomer request) {
        CompanyProfile company = new CompanyProfile(request.companyProfile().companyName().strip(),
                request.companyProfile().domain().strip().toLowerCase(Locale.ROOT));
        return new NewCustomer(company, request.billingProfile(), request.associatedPartnerId(), request.lineItems());
    }

    static DomainRuleViolation invalid(List<DomainRuleViolation.Violation> violations) {
        return new DomainRuleViolation(CustomerProblem.INVALID_CUSTOMER_REQUEST,
                "The request cannot be fulfilled: " + violations.size() + " problem(s). Nothing was created.",
                violations, java.util.Map.of());
    }

    private static RuntimeException domainTakenIfDuplicate(RuntimeException e, String domain) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataIntegrityViolationException) {
                return invalid(List.of(new DomainRuleViolation.Violation("companyProfile.domain", "domain-taken",
                        "The domain " + domain + " already belongs to a customer.")));
            }
        }
        return e;
    }
}
