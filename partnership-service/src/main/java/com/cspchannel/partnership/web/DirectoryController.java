package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.DirectoryService;
import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.partnership.command.PartnershipProblem.Raises;
import com.cspchannel.partnership.query.PartnerIdVerification;
import com.cspchannel.partnership.query.PartnerIdVerifier;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ResellerEntry;
import com.cspchannel.partnership.web.Requests.ComplianceRequest;
import com.cspchannel.partnership.web.Requests.EnrolResellerRequest;
import com.cspchannel.partnership.web.Requests.ProviderProfileRequest;
import com.cspchannel.partnership.web.Requests.ResellerProfile;
import com.cspchannel.partnership.web.Responses.ProviderProfileView;
import com.cspchannel.partnership.web.Responses.ResellerView;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.security.PartnerType;
import com.cspchannel.platform.security.Role;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
import java.util.UUID;

import static com.cspchannel.partnership.command.PartnershipProblem.ALREADY_ENROLLED;
import static com.cspchannel.partnership.command.PartnershipProblem.MALFORMED_PARTNER_ID;
import static com.cspchannel.partnership.command.PartnershipProblem.OWN_PROFILE_NOT_REGISTERED;
import static com.cspchannel.partnership.command.PartnershipProblem.PARTNER_ID_TAKEN;
import static com.cspchannel.partnership.command.PartnershipProblem.PGA_AMONG_PLA;
import static com.cspchannel.partnership.command.PartnershipProblem.PROVIDER_NOT_REGISTERED;
import static com.cspchannel.partnership.command.PartnershipProblem.RESELLER_NOT_FOUND;
import static com.cspchannel.platform.web.PlatformProblem.CONCURRENT_CHANGE;

/**
 * The reseller directory and provider registry. Writes: platform role DirectoryAdmin (the CSP program's
 * registry feeds them). Reads: provider users, DirectoryAdmin, and a reseller for its own entry.
 */
@RestController
@RequestMapping("/api/v1")
@Validated
@Tag(name = "Directory", description = "Indirect resellers enrolled in the CSP program, and provider profiles")
public class DirectoryController {

    private final DirectoryService directory;
    private final PartnershipQueries queries;
    private final PartnerIdVerifier verifier;

    public DirectoryController(DirectoryService directory, PartnershipQueries queries, PartnerIdVerifier verifier) {
        this.directory = directory;
        this.queries = queries;
        this.verifier = verifier;
    }

    @PutMapping("/providers/{providerTenantId}")
    @Operation(summary = "Register a provider or replace its profile (DirectoryAdmin)")
    @PlatformProblems(CONCURRENT_CHANGE)
    @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Profile replaced: the provider was registered already")
    public ResponseEntity<ProviderProfileView> saveProvider(Caller caller, @PathVariable UUID providerTenantId,
                                                            @Valid @RequestBody ProviderProfileRequest request) {
        caller.requirePlatform(Role.DirectoryAdmin);
        boolean created = directory.saveProvider(providerTenantId, request.name(), request.contactEmail(),
                request.cspRegion(), request.partnerId(), request.preferredLanguage());
        ProviderProfileView view = ProviderProfileView.of(queries.provider(providerTenantId).orElseThrow());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    @GetMapping("/provider-profile")
    @Operation(summary = "Your own provider profile (provider users)")
    @Raises(OWN_PROFILE_NOT_REGISTERED)
    public ProviderProfileView ownProfile(Caller caller) {
        caller.requireProvider();
        return queries.provider(caller.tenantId()).map(ProviderProfileView::of).orElseThrow(() ->
                new DomainRuleViolation(PartnershipProblem.OWN_PROFILE_NOT_REGISTERED,
                        "Your provider profile is not registered in the CSP program registry."));
    }

    @PostMapping("/resellers")
    @Operation(summary = "Enrol a reseller in the directory (DirectoryAdmin)")
    @Raises({ALREADY_ENROLLED, PARTNER_ID_TAKEN, PGA_AMONG_PLA})
    @PlatformProblems(CONCURRENT_CHANGE)
    @ApiResponse(responseCode = "201", description = "Enrolled", useReturnTypeSchema = true)
    public ResponseEntity<ResellerView> enrol(Caller caller, @Valid @RequestBody EnrolResellerRequest request) {
        caller.requirePlatform(Role.DirectoryAdmin);
        ResellerProfile p = request.profile();
        directory.enrol(request.resellerTenantId(), p.name(), p.contactEmail(), p.country(), p.cspRegion(),
                p.distinctPla(), p.pgaPartnerId(), p.preferredLanguage());
        ResellerEntry entry = queries.reseller(request.resellerTenantId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/resellers/" + request.resellerTenantId()))
                .eTag(ETags.of(entry.version())).body(ResellerView.of(entry));
    }

    @PutMapping("/resellers/{resellerTenantId}/profile")
    @Operation(summary = "Replace a reseller's profile (DirectoryAdmin; If-Match optional)")
    @Raises({RESELLER_NOT_FOUND, PARTNER_ID_TAKEN, PGA_AMONG_PLA})
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<ResellerView> updateProfile(Caller caller, @PathVariable UUID resellerTenantId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody ResellerProfile p) {
        caller.requirePlatform(Role.DirectoryAdmin);
        directory.updateProfile(resellerTenantId, ETags.parseIfMatch(ifMatch), p.name(), p.contactEmail(),
                p.country(), p.cspRegion(), p.distinctPla(), p.pgaPartnerId(), p.preferredLanguage());
        return current(resellerTenantId);
    }

    @PutMapping("/resellers/{resellerTenantId}/compliance")
    @Operation(summary = "Record MPA signature per region and program status (DirectoryAdmin; If-Match optional)")
    @Raises(RESELLER_NOT_FOUND)
    @PlatformProblems(CONCURRENT_CHANGE)
    public ResponseEntity<ResellerView> changeCompliance(Caller caller, @PathVariable UUID resellerTenantId,
                                                         @RequestHeader(name = "If-Match", required = false)
                                                         String ifMatch,
                                                         @Valid @RequestBody ComplianceRequest request) {
        caller.requirePlatform(Role.DirectoryAdmin);
        directory.changeCompliance(resellerTenantId, ETags.parseIfMatch(ifMatch), request.mpaSignedRegions(),
                request.programStatus());
        return current(resellerTenantId);
    }

    @GetMapping("/resellers")
    @Operation(operationId = "listResellers", summary = "List enrolled resellers (provider users, DirectoryAdmin)")
    public Page<ResellerView> list(Caller caller,
                                   @RequestParam(required = false) @Size(max = 100) String cspRegion,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        requireDirectoryReader(caller);
        Page<ResellerEntry> result = queries.resellers(cspRegion, page, size);
        return result.map(ResellerView::of);
    }

    @GetMapping("/resellers/{resellerTenantId}")
    @Operation(summary = "One enrolled reseller, with its ETag (provider users, DirectoryAdmin, the reseller)")
    @Raises(RESELLER_NOT_FOUND)
    public ResponseEntity<ResellerView> get(Caller caller, @PathVariable UUID resellerTenantId) {
        if (!(caller.isReseller() && resellerTenantId.equals(caller.tenantId()))) {
            requireDirectoryReader(caller);
        }
        return current(resellerTenantId);
    }

    @GetMapping("/resellers/verify")
    @Operation(summary = "Verify a PartnerID before using it (provider users)",
            description = "Answers with Partner Center's codes: 3000/800015 not found, 2204/800016 a PGA id, "
                    + "2203/900123 MPA not signed, 2201 other region, 2072 your own id, 800039 not active.")
    @Raises({MALFORMED_PARTNER_ID, PROVIDER_NOT_REGISTERED})
    public PartnerIdVerification verify(Caller caller,
                                        @RequestParam String partnerId) {
        caller.requireProvider();
        if (!partnerId.matches(Requests.PARTNER_ID)) {
            throw new DomainRuleViolation(PartnershipProblem.MALFORMED_PARTNER_ID,
                    "A PartnerID is 4 to 12 digits.", java.util.List.of(new DomainRuleViolation.Violation(
                    "partnerId", "invalid-format", "must be a PartnerID (digits)")), java.util.Map.of());
        }
        var provider = queries.provider(caller.tenantId()).orElseThrow(() -> new DomainRuleViolation(
                PartnershipProblem.PROVIDER_NOT_REGISTERED, "Your provider profile is not registered in the CSP program registry."));
        return verifier.verify(partnerId, provider);
    }

    private ResponseEntity<ResellerView> current(UUID resellerTenantId) {
        ResellerEntry entry = queries.reseller(resellerTenantId).orElseThrow(() ->
                new DomainRuleViolation(PartnershipProblem.RESELLER_NOT_FOUND, "No reseller with this tenant id is enrolled."));
        return ResponseEntity.ok().eTag(ETags.of(entry.version())).body(ResellerView.of(entry));
    }

    private static void requireDirectoryReader(Caller caller) {
        if (caller.partnerType() == PartnerType.platform && caller.hasAnyRole(Role.DirectoryAdmin)) {
            return;
        }
        caller.requireProvider();
    }
}
