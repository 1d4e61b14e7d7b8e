package com.cspchannel.partnership.web;

import com.cspchannel.partnership.command.PartnershipProblem;
import com.cspchannel.partnership.integration.SubscriptionReport;
import com.cspchannel.partnership.integration.SubscriptionReport.Filter;
import com.cspchannel.partnership.integration.SubscriptionReport.ReportedSubscription;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.security.Caller;
import com.cspchannel.platform.web.Page;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Reporting by reseller: the subscriptions whose reseller of record or support contact is a reseller, now or as of
 * an instant, as pages of JSON or, with {@code Accept: text/csv}, every row as one CSV streamed from the database.
 * A provider's users see its own subscriptions; a reseller's users the rows that name their own reseller, at every
 * provider.
 */
@RestController
@RequestMapping("/api/v1")
@Validated
@Tag(name = "Reports", description = "Reporting by reseller, now or at an instant, as JSON or CSV")
public class SubscriptionReportController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    private static final Set<String> PARAMETERS = Set.of("resellerOfRecord", "supportContact", "asOf", "page", "size");
    private static final CsvMapper CSV = csvMapper();
    private static final CsvSchema COLUMNS = CSV.schemaFor(ReportedSubscription.class).withHeader();

    private final SubscriptionReport report;

    public SubscriptionReportController(SubscriptionReport report) {
        this.report = report;
    }

    /** One page of the report, with the filters it answers. */
    @JsonPropertyOrder({"resellerOfRecord", "supportContact", "asOf"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionsByReseller(UUID resellerOfRecord, UUID supportContact, Instant asOf,
                                          @JsonUnwrapped Page<ReportedSubscription> page) {
    }

    @GetMapping(value = "/reports/subscriptions", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Subscriptions by reseller of record and/or support contact, now or asOf an instant",
            description = """
                    At least one of resellerOfRecord and supportContact; both: subscriptions where the first is \
                    reseller of record and the second support contact. A provider's users see the provider's \
                    subscriptions; a reseller's users may only name their own reseller (another: 403 other-reseller) \
                    and see it at every provider. JSON is paginated; with Accept: text/csv the answer is every \
                    matching row (page and size do not apply), one CSV with a header line, streamed from the \
                    database. Every CSV cell is a UUID, an ISO-8601 instant or a PartnerID; a cell that would start \
                    with =, +, -, @, a tab or a carriage return is prefixed with ' so that a spreadsheet shows it as \
                    text instead of running it as a formula.""")
    @PartnershipProblem.Raises({PartnershipProblem.REPORT_FILTER_REQUIRED, PartnershipProblem.UNKNOWN_PARAMETER,
            PartnershipProblem.OTHER_RESELLER})
    @ApiResponse(responseCode = "200", description = "The matching subscriptions", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = SubscriptionsByReseller.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "A header line "
                    + "(subscriptionId,customerId,providerTenantId,resellerOfRecordTenantId,partnerId,"
                    + "resellerOfRecordSince,supportTenantId,supportMpnId,supportContactSince), then one line per "
                    + "subscription; an empty cell is a role nobody held (or the provider)."))})
    public ResponseEntity<SubscriptionsByReseller> subscriptions(
            Caller caller,
            @Parameter(description = "Tenant id of the reseller of record") @RequestParam(required = false)
            UUID resellerOfRecord,
            @Parameter(description = "Tenant id of the designated support contact") @RequestParam(required = false)
            UUID supportContact,
            @Parameter(description = "The instant to answer for (default: now)") @RequestParam(required = false)
            Instant asOf,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        Filter filter = filter(caller, resellerOfRecord, supportContact, asOf, request);
        if (wantsCsv(request)) {
            writeCsv(filter, response);
            return null;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new SubscriptionsByReseller(resellerOfRecord, supportContact, asOf,
                        report.page(filter, page, size)));
    }

    private Filter filter(Caller caller, UUID resellerOfRecord, UUID supportContact, Instant asOf,
                          HttpServletRequest request) {
        caller.requireTenantUser();
        // a misspelt filter (resellerOfrecord=...) would otherwise be ignored and widen the report
        for (String name : request.getParameterMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new DomainRuleViolation(PartnershipProblem.UNKNOWN_PARAMETER, "This report has no parameter '"
                        + name + "'; its parameters are resellerOfRecord, supportContact, asOf, page and size.");
            }
        }
        if (resellerOfRecord == null && supportContact == null) {
            throw new DomainRuleViolation(PartnershipProblem.REPORT_FILTER_REQUIRED,
                    "Name the reseller to report on: resellerOfRecord, supportContact or both (tenant ids).");
        }
        if (caller.isProvider()) {
            return new Filter(caller.tenantId(), resellerOfRecord, supportContact, asOf);
        }
        for (UUID named : new UUID[]{resellerOfRecord, supportContact}) {
            if (named != null && !named.equals(caller.tenantId())) {
                throw new DomainRuleViolation(PartnershipProblem.OTHER_RESELLER,
                        "A reseller's report names only itself (resellerOfRecord and supportContact must be "
                                + caller.tenantId() + ").");
            }
        }
        return new Filter(null, resellerOfRecord, supportContact, asOf);
    }

    /** CSV when the client prefers it to JSON (by order and quality of its Accept header). */
    private static boolean wantsCsv(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        // the acceptable type of best quality decides, the first listed of equal ones; */* and application/* mean JSON
        MediaType best = null;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            boolean ours = type.includes(MediaType.APPLICATION_JSON) || type.includes(TEXT_CSV);
            if (ours && type.getQualityValue() > 0
                    && (best == null || type.getQualityValue() > best.getQualityValue())) {
                best = type;
            }
        }
        return best != null && !best.includes(MediaType.APPLICATION_JSON);
    }

    private void writeCsv(Filter filter, HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscriptions-by-reseller.csv\"");
        try (SequenceWriter rows = CSV.writer(COLUMNS).writeValues(response.getOutputStream())) {
            report.stream(filter, row -> {
                try {
                    rows.write(neutralised(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The only text cells are PartnerIDs, digits by the directory's rules; should one ever start with a character a
     * spreadsheet reads as a formula, it is kept as text (OWASP's advice on CSV injection).
     */
    private static ReportedSubscription neutralised(ReportedSubscription row) {
        return new ReportedSubscription(row.subscriptionId(), row.customerId(), row.providerTenantId(),
                row.resellerOfRecordTenantId(), text(row.partnerId()), row.resellerOfRecordSince(),
                row.supportTenantId(), text(row.supportMpnId()), row.supportContactSince());
    }

    static String text(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    private static CsvMapper csvMapper() {
        CsvMapper mapper = CsvMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        return mapper;
    }
}
