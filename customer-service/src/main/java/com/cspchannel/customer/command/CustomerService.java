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
import com.cspchannel.platform.idempotency.IdempotentRequests;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Customers of a provider: create (all or nothing, with the one-time admin credentials), associate a reseller,
 * revoke its delegated administration, tenant-owner grants, password resets. Each method runs in one
 * transaction that the command joins, so the events, the views, the credential hash and the idempotency key
 * commit together.
 */
@Service
public class CustomerService {

    static final String CREATE = "create-customer";

    /** The outcome of a create: the password is present only when the customer was created now. */
    public record Created(CustomerEntry customer, String userName, String password, boolean replayed) {
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

    /** Every problem of the request, or nothing; no side effects (the seed's review step). */
    @Transactional(readOnly = true)
    public List<DomainRuleViolation.Violation> review(UUID provider, NewCustomer request) {
        return validator.check(provider, normalised(request));
    }

    @Transactional
    public Created create(UUID provider, String createdBy, NewCustomer request, String idempotencyKey,
                          String requestSha256) {
        if (idempotencyKey != null) {
            Optional<String> earlier = idempotentRequests.claim(provider.toString(), idempotencyKey, CREATE,
                    requestSha256);
            if (earlier.isPresent()) {
                CustomerEntry customer = customers.find(UUID.fromString(earlier.get()),
                        TenantScope.provider(provider)).orElseThrow(CustomerErrors::customerNotFound);
                return new Created(customer, customer.adminUserName(), null, true);
            }
        }
        NewCustomer normalised = normalised(request);
        List<DomainRuleViolation.Violation> violations = validator.check(provider, normalised);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
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
        if (idempotencyKey != null) {
            idempotentRequests.complete(provider.toString(), idempotencyKey, customerId.toString());
        }
        CustomerEntry customer = customers.find(customerId, TenantScope.provider(provider)).orElseThrow();
        return new Created(customer, userName, password, false);
    }

    @Transactional
    public CustomerEntry associateReseller(UUID provider, UUID customerId, UUID reseller, Long expectedVersion,
                                           String by) {
        requireCustomer(provider, customerId);
        if (!partners.activePartnership(provider, reseller)) {
            throw DomainRuleViolation.unprocessable("reseller-not-partnered",
                    "The reseller has no active partnership with you: it must accept your invitation first.");
        }
        send(new AssociateReseller(customerId.toString(), expectedVersion, provider, reseller, by));
        return requireCustomer(provider, customerId);
    }

    @Transactional
    public CustomerEntry revokeDelegatedAdmin(UUID provider, UUID customerId, Long expectedVersion, String by,
                                              String reason) {
        requireCustomer(provider, customerId);
        send(new RevokeDelegatedAdmin(customerId.toString(), expectedVersion, provider, by, reason));
        return requireCustomer(provider, customerId);
    }

    @Transactional
    public CustomerEntry grantTenantOwner(UUID provider, UUID customerId, String by) {
        requireCustomer(provider, customerId);
        send(new GrantTenantOwner(customerId.toString(), provider, by));
        return requireCustomer(provider, customerId);
    }

    @Transactional
    public CustomerEntry revokeTenantOwner(UUID provider, UUID customerId, String by) {
        requireCustomer(provider, customerId);
        send(new RevokeTenantOwner(customerId.toString(), provider, by));
        return requireCustomer(provider, customerId);
    }

    /** A new temporary password, returned once; only its hash is kept. */
    @Transactional
    public Created resetAdminPassword(UUID provider, UUID customerId, String by) {
        requireCustomer(provider, customerId);
        String userName = send(new ResetAdminPassword(customerId.toString(), provider, by));
        String password = issuePassword(customerId, userName);
        return new Created(requireCustomer(provider, customerId), userName, password, false);
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
        return new DomainRuleViolation(DomainRuleViolation.Kind.UNPROCESSABLE, "invalid-customer-request",
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
