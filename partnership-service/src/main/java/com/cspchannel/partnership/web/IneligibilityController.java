package com.cspchannel.partnership.web;

import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.partnership.integration.IneligibilityQueries;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ResellerEntry;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.events.partnership.ResellerIneligibilityReported.MPA_LAPSED;
import static com.cspchannel.events.partnership.ResellerIneligibilityReported.PARTNERSHIP_REMOVED;
import static com.cspchannel.events.partnership.ResellerIneligibilityReported.RESELLER_SUSPENDED;

/**
 * What a reseller's ineligibility touches, for the provider: whether and why the reseller may no longer transact
 * for it, the customers it still administers and the subscriptions that still name it (nothing changes by itself),
 * the way to the bulk reassignment's dry run, and the reports already made. Provider users only: a reseller is
 * not told what its providers see of it.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reseller associations", description = "Associations and their history, rebuilt from the event streams")
public class IneligibilityController {

    static final String DRY_RUN = "/api/v1/reseller-reassignments/dry-run";

    private final PartnershipQueries partnerships;
    private final IneligibilityQueries queries;

    public IneligibilityController(PartnershipQueries partnerships, IneligibilityQueries queries) {
        this.partnerships = partnerships;
        this.queries = queries;
    }

    /**
     * Why the reseller is ineligible for the provider now: {@code partnership_removed} (since the removal),
     * {@code reseller_suspended}, or {@code mpa_lapsed} (its MPA does not cover the partnership's region).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IneligibilityCause(String cause, String cspRegion, Instant since) {
    }

    /** A request to make, prefilled: the bulk reassignment's dry run, with this reseller as the source. */
    public record PrefilledRequest(String href, String method, Map<String, Object> body) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IneligibilityReportEntry(UUID reportId, String cause, String cspRegion, Instant asOf,
                                           Instant reportedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResellerIneligibility(UUID providerTenantId, UUID resellerTenantId, boolean eligible,
                                        List<IneligibilityCause> causes, List<AffectedCustomer> customers,
                                        List<AffectedSubscription> subscriptions, PrefilledRequest reassignment,
                                        List<IneligibilityReportEntry> reports) {
    }

    @GetMapping("/resellers/{resellerTenantId}/ineligibility")
    @Operation(summary = "Whether and why a reseller is ineligible for you, and what still names it",
            description = """
                    For the provider's users. When the reseller is ineligible (the partnership was removed, the \
                    reseller is suspended, or its MPA no longer covers the partnership's region), lists the \
                    customers it administers and the subscriptions naming it as reseller of record or support \
                    contact now, with the bulk reassignment dry run to start from. Nothing is changed by \
                    ineligibility itself. Also lists the reports sent when it became ineligible (reportedAt absent: \
                    waiting for the associations view to catch up).""")
    @PartnershipProblem.Raises({PartnershipProblem.RESELLER_NOT_FOUND, PartnershipProblem.PARTNERSHIP_NOT_FOUND})
    public ResellerIneligibility ineligibility(Caller caller, @PathVariable UUID resellerTenantId) {
        caller.requireProvider();
        UUID provider = caller.tenantId();
        ResellerEntry reseller = partnerships.reseller(resellerTenantId).orElseThrow(() -> new DomainRuleViolation(
                PartnershipProblem.RESELLER_NOT_FOUND, "No reseller with this tenant id is enrolled."));
        PartnershipEntry partnership = partnerships.partnership(provider, resellerTenantId).orElseThrow(() ->
                new DomainRuleViolation(PartnershipProblem.PARTNERSHIP_NOT_FOUND,
                        "You have never been partnered with this reseller."));
        List<IneligibilityCause> causes = causes(partnership, reseller);
        List<IneligibilityReportEntry> reports = queries.reports(provider, resellerTenantId).stream()
                .map(r -> new IneligibilityReportEntry(r.reportId(), r.cause(), r.cspRegion(), r.asOf(),
                        r.reportedAt())).toList();
        if (causes.isEmpty()) {
            return new ResellerIneligibility(provider, resellerTenantId, true, causes, List.of(), List.of(), null,
                    reports);
        }
        IneligibilityQueries.Affected affected = queries.affected(provider, resellerTenantId, null);
        return new ResellerIneligibility(provider, resellerTenantId, false, causes, affected.customers(),
                affected.subscriptions(), new PrefilledRequest(DRY_RUN, "POST",
                Map.of("sourceResellerTenantId", resellerTenantId)), reports);
    }

    private static List<IneligibilityCause> causes(PartnershipEntry partnership, ResellerEntry reseller) {
        List<IneligibilityCause> causes = new ArrayList<>();
        if (partnership.state() == PartnershipEntry.State.removed) {
            causes.add(new IneligibilityCause(PARTNERSHIP_REMOVED, null, partnership.removedAt()));
        }
        if (reseller.programStatus() != ProgramStatus.ACTIVE) {
            causes.add(new IneligibilityCause(RESELLER_SUSPENDED, null, null));
        }
        String region = partnership.cspRegion();
        boolean covered = region != null && reseller.mpaSignedRegions().stream()
                .anyMatch(signed -> signed.toLowerCase(Locale.ROOT).equals(region.toLowerCase(Locale.ROOT)));
        if (!covered) {
            causes.add(new IneligibilityCause(MPA_LAPSED, region, null));
        }
        return causes;
    }
}
