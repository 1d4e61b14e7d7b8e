package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.partnership.integration.AssociationView;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.query.ResellerEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.rules.partner.PartnerIdRules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Plans a reassignment: what the source reseller holds for the provider now (the associations view), of the kinds
 * and customers asked for, each item checked with the rules of its single operation on this service's directory.
 * The dry run answers the plan and the run records it, so both list the same items with the same verdicts.
 */
@Component
public class ReassignmentPlanner {

    /** The most items one job moves: each owning service moves its items of a job in one transaction. */
    public static final int MAX_ITEMS = 500;
    /** A tenant-owner grant goes to the reseller administering the customer, so it moves only with that. */
    public static final String DELEGATED_ADMIN_NOT_MOVED = "delegated-admin-not-moved";

    /** What to move: kinds and customers empty mean all. */
    public record Scope(UUID sourceResellerTenantId, UUID targetResellerTenantId, Set<ReassignmentKind> kinds,
                        Set<UUID> customerIds) {
    }

    /** One item and, when refused, why (the code is on the item). */
    public record PlannedItem(ReassignmentItem item, String reason) {
    }

    public record Plan(ProviderEntry provider, ResellerEntry target, String targetPartnerId,
                       List<PlannedItem> items) {

        public List<ReassignmentItem> events() {
            return items.stream().map(PlannedItem::item).toList();
        }
    }

    private record Held(ReassignmentKind kind, UUID customerId, UUID subscriptionId) {
    }

    private final PartnershipQueries directory;
    private final AssociationView associations;
    private final JdbcTemplate jdbc;

    public ReassignmentPlanner(PartnershipQueries directory, AssociationView associations, JdbcTemplate jdbc) {
        this.directory = directory;
        this.associations = associations;
        this.jdbc = jdbc;
    }

    public Plan plan(UUID providerTenantId, Scope scope) {
        ProviderEntry provider = directory.provider(providerTenantId).orElseThrow(() ->
                new DomainRuleViolation(PartnershipProblem.PROVIDER_NOT_REGISTERED,
                        "The provider's profile is not registered in the CSP program registry."));
        if (scope.sourceResellerTenantId().equals(scope.targetResellerTenantId())) {
            throw new DomainRuleViolation(PartnershipProblem.SAME_RESELLER,
                    "The source and the target reseller are the same.");
        }
        ResellerEntry target = directory.reseller(scope.targetResellerTenantId()).orElseThrow(() ->
                new DomainRuleViolation(PartnershipProblem.RESELLER_NOT_ENROLLED,
                        "The target is not enrolled as an indirect reseller in the CSP program."));
        boolean partnered = directory.partnership(providerTenantId, target.resellerTenantId())
                .filter(p -> p.state() == PartnershipEntry.State.active).isPresent();
        if (!partnered) {
            throw new DomainRuleViolation(PartnershipProblem.RESELLER_NOT_PARTNERED,
                    "The target reseller has no active partnership with you: it must accept your invitation first.");
        }
        List<Held> held = held(providerTenantId, scope);
        if (held.size() > MAX_ITEMS) {
            throw new DomainRuleViolation(PartnershipProblem.REASSIGNMENT_TOO_LARGE, "The source holds " + held.size()
                    + " items of what was asked; one job moves at most " + MAX_ITEMS + ": filter by customerIds.");
        }
        String targetPartnerId = target.plaPartnerIds().isEmpty() ? null : target.plaPartnerIds().get(0);
        Optional<PartnerIdRules.Refusal> partnerOfRecord = targetPartnerId == null
                ? Optional.of(noPla())
                : PartnerIdRules.partnerOfRecord(targetPartnerId,
                new PartnerIdRules.Provider(provider.partnerId(), provider.cspRegion()),
                Optional.of(new PartnerIdRules.Reseller(true, target.programStatus() == ProgramStatus.ACTIVE,
                        target.cspRegion(), target.mpaSignedRegions())), true);
        Set<UUID> adminMoved = new HashSet<>();
        held.stream().filter(h -> h.kind() == ReassignmentKind.customer_admin)
                .forEach(h -> adminMoved.add(h.customerId()));
        List<PlannedItem> items = new ArrayList<>();
        for (Held h : held) {
            Optional<PartnerIdRules.Refusal> refusal = switch (h.kind()) {
                case customer_admin -> Optional.empty();
                case tenant_owner -> adminMoved.contains(h.customerId()) ? Optional.empty()
                        : Optional.of(new PartnerIdRules.Refusal(DELEGATED_ADMIN_NOT_MOVED, List.of(), "A tenant-owner "
                        + "grant goes to the reseller administering the customer: move customer_admin with it."));
                case reseller_of_record -> partnerOfRecord;
                case support_contact -> targetPartnerId == null ? Optional.of(noPla()) : Optional.empty();
            };
            items.add(new PlannedItem(new ReassignmentItem(h.kind().eventName(), h.customerId(), h.subscriptionId(),
                    refusal.map(PartnerIdRules.Refusal::code).orElse(null)),
                    refusal.map(PartnerIdRules.Refusal::message).orElse(null)));
        }
        return new Plan(provider, target, targetPartnerId, items);
    }

    private static PartnerIdRules.Refusal noPla() {
        return new PartnerIdRules.Refusal(PartnerIdRules.PGA_ID, List.of(PartnerIdRules.PGA_ID, "800016"),
                "The target reseller has no PLA (location) PartnerID to name as reseller of record or support "
                        + "contact.");
    }

    /** The source's current associations with the provider's customers and subscriptions, in a stable order. */
    private List<Held> held(UUID providerTenantId, Scope scope) {
        Set<ReassignmentKind> kinds = scope.kinds() == null || scope.kinds().isEmpty()
                ? EnumSet.allOf(ReassignmentKind.class) : EnumSet.copyOf(scope.kinds());
        List<Held> held = new ArrayList<>();
        jdbc.query("""
                select kind, subject_id, customer_id from reseller_association
                where generation = ? and reseller_tenant_id = ? and provider_tenant_id = ? and until is null""",
                rs -> {
                    String kind = rs.getString("kind");
                    if ("partnership".equals(kind)) {
                        return;
                    }
                    ReassignmentKind k = ReassignmentKind.valueOf(kind);
                    UUID subject = rs.getObject("subject_id", UUID.class);
                    boolean ofCustomer = k == ReassignmentKind.customer_admin || k == ReassignmentKind.tenant_owner;
                    UUID customer = ofCustomer ? subject : rs.getObject("customer_id", UUID.class);
                    if (kinds.contains(k) && (scope.customerIds() == null || scope.customerIds().isEmpty()
                            || scope.customerIds().contains(customer))) {
                        held.add(new Held(k, customer, ofCustomer ? null : subject));
                    }
                }, associations.activeGeneration(), scope.sourceResellerTenantId(), providerTenantId);
        held.sort(Comparator.comparing(Held::customerId).thenComparing(Held::kind)
                .thenComparing(h -> h.subscriptionId() == null ? "" : h.subscriptionId().toString()));
        return held;
    }
}
