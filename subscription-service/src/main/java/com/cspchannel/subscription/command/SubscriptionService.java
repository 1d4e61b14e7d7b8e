package com.cspchannel.subscription.command;

import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.partnerdirectory.OrderLineRules;
import com.cspchannel.partnerdirectory.PartnerFacts;
import com.cspchannel.platform.domain.DomainRuleViolation.Violation;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.idempotency.IdempotentRequests;
import com.cspchannel.platform.idempotency.IdempotentRequests.Outcome;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.subscription.command.Commands.ChangeQuantity;
import com.cspchannel.subscription.command.Commands.ChangeResellerOfRecord;
import com.cspchannel.subscription.command.Commands.DesignateSupportContact;
import com.cspchannel.subscription.command.Commands.PlaceOrder;
import com.cspchannel.subscription.command.Commands.ResetSupportContact;
import com.cspchannel.subscription.command.Commands.Upgrade;
import com.cspchannel.subscription.query.SubscriptionEntry;
import com.cspchannel.subscription.query.SubscriptionQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Orders and subscription changes of a provider. Facts of other services (partnerships, the reseller
 * directory, customers) come from this service's own views, so every decision is local.
 */
@Service
public class SubscriptionService {

    private final CommandGateway commands;
    private final SubscriptionQueries queries;
    private final PartnerFacts partners;
    private final OrderLineRules lineRules;
    private final IdempotentRequests idempotentRequests;
    private final Duration decreaseWindow;

    public SubscriptionService(CommandGateway commands, SubscriptionQueries queries, PartnerFacts partners,
                               OrderLineRules lineRules, IdempotentRequests idempotentRequests,
                               SubscriptionProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.partners = partners;
        this.lineRules = lineRules;
        this.idempotentRequests = idempotentRequests;
        this.decreaseWindow = properties.decreaseWindow();
    }

    /**
     * The review step: nothing when the order would be placed, else the very error {@link #placeOrder} would
     * answer (the same checks); no side effects.
     */
    @Transactional(readOnly = true)
    public void review(UUID provider, UUID customerId, List<OrderLine> lines, boolean attested) {
        requireCustomer(provider, customerId);
        List<Violation> violations = new ArrayList<>();
        if (!attested && lines.stream().anyMatch(l -> l.partnerIdOnRecord() != null)) {
            violations.add(new Violation("partnerOnRecordAttestationAccepted", "partner-on-record-attestation-required",
                    "Naming a partner of record needs partnerOnRecordAttestationAccepted: true."));
        }
        for (int i = 0; i < lines.size(); i++) {
            violations.addAll(lineRules.check(provider, "lineItems[" + i + "]", lines.get(i)));
        }
        if (!violations.isEmpty()) {
            throw new DomainRuleViolation(SubscriptionProblem.INVALID_ORDER,
                    "The order cannot be placed: " + violations.size() + " problem(s). Nothing was created.",
                    violations, Map.of());
        }
    }

    /**
     * Places an order whose every line is valid, or nothing (422 with every problem). With a client request id,
     * a retry answers the order the first request placed (see {@link IdempotentRequests}).
     *
     * @return the order's id
     */
    @Transactional
    public Outcome<UUID> placeOrder(UUID provider, UUID customerId, List<OrderLine> lines, boolean attested,
                                    String by, ClientRequest client) {
        // the same body for another customer is another request
        return idempotentRequests.once(provider, client, "subscription.place-order:" + customerId,
                List.of(lines, attested), () -> {
                    review(provider, customerId, lines, attested);
                    UUID orderId = UUID.randomUUID();
                    List<OrderLine> resolved = lines.stream().map(line -> line.partnerIdOnRecord() == null ? line
                            : line.withPartnerOnRecordTenantId(
                            partners.resellerOfPla(line.partnerIdOnRecord()).orElseThrow())).toList();
                    commands.sendAndWait(new PlaceOrder(orderId.toString(), customerId, provider, resolved, "api", by));
                    return orderId;
                }, orderId -> orderId, UUID::fromString);
    }

    /**
     * Runs one change of a subscription (a call of one of the methods below, through this bean) once per client
     * request id, in one transaction with it; a retry answers the subscription as it is now.
     */
    @Transactional
    public Outcome<SubscriptionEntry> once(UUID provider, UUID customerId, UUID subscriptionId, String operation,
                                           Object body, ClientRequest client, Supplier<SubscriptionEntry> change) {
        return idempotentRequests.once(provider, client, "subscription." + operation + ":" + subscriptionId, body,
                change, SubscriptionEntry::subscriptionId,
                id -> requireSubscription(provider, customerId, subscriptionId));
    }

    @Transactional
    public SubscriptionEntry changeQuantity(UUID provider, UUID customerId, UUID subscriptionId, Long expectedVersion,
                                           int quantity, String by) {
        requireSubscription(provider, customerId, subscriptionId);
        commands.sendAndWait(new ChangeQuantity(subscriptionId.toString(), expectedVersion, provider, quantity,
                decreaseWindow, by));
        return requireSubscription(provider, customerId, subscriptionId);
    }

    @Transactional
    public SubscriptionEntry upgrade(UUID provider, UUID customerId, UUID subscriptionId, Long expectedVersion,
                                     String targetOfferId, Integer quantity, String by) {
        requireSubscription(provider, customerId, subscriptionId);
        commands.sendAndWait(new Upgrade(subscriptionId.toString(), expectedVersion, provider, targetOfferId, quantity,
                by));
        return requireSubscription(provider, customerId, subscriptionId);
    }

    /** Names a verified reseller of record, or clears it ({@code partnerId} null). */
    @Transactional
    public SubscriptionEntry changeResellerOfRecord(UUID provider, UUID customerId, UUID subscriptionId,
                                                   Long expectedVersion, String partnerId, String by) {
        requireSubscription(provider, customerId, subscriptionId);
        UUID reseller = null;
        if (partnerId != null) {
            partners.partnerOfRecordRefusal(provider, partnerId).ifPresent(refusal -> {
                throw new DomainRuleViolation(DomainRuleViolation.Kind.UNPROCESSABLE, refusal.code(),
                        refusal.message(), List.of(new Violation("partnerId", refusal.code(), refusal.message())),
                        Map.of());
            });
            reseller = partners.resellerOfPla(partnerId).orElseThrow();
        }
        commands.sendAndWait(new ChangeResellerOfRecord(subscriptionId.toString(), expectedVersion, provider,
                partnerId, reseller, by));
        return requireSubscription(provider, customerId, subscriptionId);
    }

    /** Designates a partnered reseller, identified by its tenant and one of its PLA PartnerIDs. */
    @Transactional
    public SubscriptionEntry designateSupportContact(UUID provider, UUID customerId, UUID subscriptionId,
                                                    Long expectedVersion, UUID supportTenantId, String supportMpnId,
                                                    String name, String by) {
        requireSubscription(provider, customerId, subscriptionId);
        if (!partners.activePartnership(provider, supportTenantId)) {
            throw new DomainRuleViolation(SubscriptionProblem.RESELLER_NOT_PARTNERED,
                    "Only a reseller with an active partnership with you can be the support contact.");
        }
        if (!partners.resellerOfPla(supportMpnId).map(supportTenantId::equals).orElse(false)) {
            throw new DomainRuleViolation(SubscriptionProblem.SUPPORT_ID_NOT_PLA,
                    "supportMpnId must be one of the reseller's PLA PartnerIDs.");
        }
        commands.sendAndWait(new DesignateSupportContact(subscriptionId.toString(), expectedVersion, provider,
                supportTenantId, supportMpnId, name, by));
        return requireSubscription(provider, customerId, subscriptionId);
    }

    @Transactional
    public SubscriptionEntry resetSupportContact(UUID provider, UUID customerId, UUID subscriptionId,
                                                Long expectedVersion, String by) {
        requireSubscription(provider, customerId, subscriptionId);
        commands.sendAndWait(new ResetSupportContact(subscriptionId.toString(), expectedVersion, provider, by));
        return requireSubscription(provider, customerId, subscriptionId);
    }

    private void requireCustomer(UUID provider, UUID customerId) {
        queries.customer(customerId).filter(c -> c.providerTenantId().equals(provider))
                .orElseThrow(SubscriptionErrors::customerNotFound);
    }

    private SubscriptionEntry requireSubscription(UUID provider, UUID customerId, UUID subscriptionId) {
        return queries.subscription(customerId, subscriptionId, TenantScope.provider(provider))
                .orElseThrow(SubscriptionErrors::subscriptionNotFound);
    }
}
