package com.cspchannel.partnership.web;

import com.cspchannel.events.Topics;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The incentive dispute's question, "which subscriptions had Fabrikam as reseller of record on that day?", asked
 * of a history that moved since: as JSON pages and as CSV, at an instant in the past and now, by the provider and
 * by the reseller itself; the CSV at an instant lists exactly the view's rows at that instant.
 */
class SubscriptionReportIT extends IntegrationTest {

    private final Random random = new Random();
    private final UUID contoso = UUID.randomUUID();
    private final UUID litware = UUID.randomUUID();
    private final UUID fabrikam = UUID.randomUUID();
    private final UUID northwind = UUID.randomUUID();
    private final String fabrikamPla = "81" + (10000 + random.nextInt(80000));
    private final String northwindPla = "82" + (10000 + random.nextInt(80000));
    private final Instant t0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    private final UUID customer = UUID.randomUUID();
    /** Fabrikam's until minute 4, then Northwind's; Fabrikam supports it from minute 2. */
    private final UUID moved = UUID.randomUUID();
    /** Northwind's all along; Fabrikam supports it from minute 3. */
    private final UUID supported = UUID.randomUUID();
    /** Fabrikam's from minute 2, still. */
    private final UUID kept = UUID.randomUUID();
    /** Litware's subscription with Fabrikam as reseller of record: never in Contoso's report. */
    private final UUID litwares = UUID.randomUUID();

    @Test
    void theReportAtAnInstantAnswersForThatInstantAsJsonAndAsCsvAndEachSeesOnlyItsOwn() throws Exception {
        history();
        String admin = TOKENS.provider(contoso, "SalesAgent");
        Instant minute3 = at(3).plusSeconds(30);

        // On minute 3 Fabrikam was reseller of record of two of Contoso's subscriptions; now of one.
        JsonNode then = api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=" + minute3,
                admin).body();
        assertThat(ids(then.get("items"))).containsExactly(sorted(moved, kept));
        assertThat(then.get("totalCount").asLong()).isEqualTo(2);
        assertThat(then.get("asOf").asText()).isEqualTo(minute3.toString());
        JsonNode movedThen = item(then, moved);
        assertThat(movedThen.get("resellerOfRecordTenantId").asText()).isEqualTo(fabrikam.toString());
        assertThat(movedThen.get("partnerId").asText()).isEqualTo(fabrikamPla);
        assertThat(movedThen.get("resellerOfRecordSince").asText()).isEqualTo(at(1).toString());
        assertThat(movedThen.get("supportTenantId").asText()).isEqualTo(fabrikam.toString());
        assertThat(movedThen.get("customerId").asText()).isEqualTo(customer.toString());
        assertThat(item(then, kept).get("supportTenantId")).isNull();
        JsonNode now = api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam, admin).body();
        assertThat(ids(now.get("items"))).containsExactly(kept.toString());
        // pages of one
        JsonNode second = api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=" + minute3
                + "&page=1&size=1", admin).body();
        assertThat(ids(second.get("items"))).containsExactly(sorted(moved, kept)[1]);
        // both filters: reseller of record Northwind and support contact Fabrikam, now
        assertThat(ids(api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + northwind + "&supportContact="
                + fabrikam, admin).body().get("items"))).containsExactly(sorted(moved, supported));

        // The CSV at an instant is the view's rows at that instant, whichever role is asked for.
        for (Instant asOf : List.of(at(0), at(2).plusSeconds(30), minute3, at(4).plusSeconds(30), Instant.now())) {
            for (String role : List.of("resellerOfRecord", "supportContact")) {
                HttpApi.Response csv = csv("/api/v1/reports/subscriptions?" + role + "=" + fabrikam + "&asOf=" + asOf,
                        admin);
                assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
                assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
                List<Map<String, String>> rows = rows(csv.raw());
                String kind = role.equals("resellerOfRecord") ? "reseller_of_record" : "support_contact";
                JsonNode view = api.get("/api/v1/resellers/" + fabrikam + "/associations?kind=" + kind + "&asOf="
                        + asOf + "&size=500", admin).body().get("items");
                List<String> viewRows = new ArrayList<>();
                view.forEach(a -> viewRows.add(a.get("subscriptionId").asText() + "|" + a.get("since").asText()
                        + "|" + a.get("partnerId").asText()));
                String tenant = role.equals("resellerOfRecord") ? "resellerOfRecordTenantId" : "supportTenantId";
                String since = role.equals("resellerOfRecord") ? "resellerOfRecordSince" : "supportContactSince";
                String partner = role.equals("resellerOfRecord") ? "partnerId" : "supportMpnId";
                assertThat(rows).allSatisfy(row -> assertThat(row.get(tenant)).isEqualTo(fabrikam.toString()));
                assertThat(rows.stream().map(row -> row.get("subscriptionId") + "|" + row.get(since) + "|"
                        + row.get(partner)).toList()).as(role + " at " + asOf)
                        .containsExactlyInAnyOrderElementsOf(viewRows);
            }
        }
        // and the CSV says what the JSON says, cell for cell
        List<Map<String, String>> csvThen = rows(csv("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam
                + "&asOf=" + minute3, admin).raw());
        assertThat(csvThen).hasSize(2);
        for (Map<String, String> row : csvThen) {
            JsonNode json = item(then, UUID.fromString(row.get("subscriptionId")));
            row.forEach((column, cell) -> assertThat(cell).as(column)
                    .isEqualTo(json.get(column) == null ? "" : json.get(column).asText()));
        }
        assertThat(csv("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=" + minute3, admin)
                .raw().lines().findFirst().orElseThrow()).isEqualTo("subscriptionId,customerId,providerTenantId,"
                + "resellerOfRecordTenantId,partnerId,resellerOfRecordSince,supportTenantId,supportMpnId,"
                + "supportContactSince");

        // A reseller gets the same report about itself, at every provider, and nothing about another.
        String fabrikamUser = TOKENS.reseller(fabrikam, "AdminAgent");
        JsonNode own = api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam, fabrikamUser).body();
        assertThat(ids(own.get("items"))).containsExactly(sorted(kept, litwares));
        assertThat(rows(csv("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=" + minute3,
                fabrikamUser).raw())).extracting(row -> row.get("subscriptionId"))
                .containsExactlyInAnyOrder(moved.toString(), kept.toString(), litwares.toString());
        var other = api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + northwind, fabrikamUser);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("other-reseller");
        var otherAsCsv = csv("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&supportContact="
                + northwind, fabrikamUser);
        assertThat(otherAsCsv.status()).isEqualTo(403);
        assertThat(otherAsCsv.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        // another provider sees none of Contoso's
        assertThat(ids(api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=" + minute3,
                TOKENS.provider(litware, "GlobalAdmin")).body().get("items"))).containsExactly(litwares.toString());
        assertThat(api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam, null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam,
                TOKENS.platform("Operator")).status()).isEqualTo(403);
    }

    @Test
    void aReportWithoutAResellerAMisspeltFilterOrABadInstantIsA400Problem() {
        String admin = TOKENS.provider(contoso, "GlobalAdmin");
        var none = api.get("/api/v1/reports/subscriptions", admin);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.code()).isEqualTo("report-filter-required");
        var misspelt = api.get("/api/v1/reports/subscriptions?resellerOfrecord=" + fabrikam, admin);
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.code()).isEqualTo("unknown-parameter");
        var badInstant = csv("/api/v1/reports/subscriptions?resellerOfRecord=" + fabrikam + "&asOf=yesterday", admin);
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.code()).isEqualTo("invalid-parameter");
        var badId = api.get("/api/v1/reports/subscriptions?supportContact=fabrikam", admin);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsKeptAsText() {
        assertThat(SubscriptionReportController.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(SubscriptionReportController.text("-1+2")).isEqualTo("'-1+2");
        assertThat(SubscriptionReportController.text("5123456")).isEqualTo("5123456");
    }

    private void history() {
        registerProvider(contoso, "Contoso", "4847383");
        registerProvider(litware, "Litware", "4847384");
        enrolReseller(fabrikam, "Fabrikam", "Europe", List.of(fabrikamPla), "83" + fabrikamPla.substring(2), "Europe");
        enrolReseller(northwind, "Northwind", "Europe", List.of(northwindPla), "84" + northwindPla.substring(2),
                "Europe");
        assertThat(partner(contoso, fabrikam).status()).isEqualTo(201);
        assertThat(partner(contoso, northwind).status()).isEqualTo(201);
        assertThat(partner(litware, fabrikam).status()).isEqualTo(201);
        UUID litwareCustomer = UUID.randomUUID();
        publish(Topics.SUBSCRIPTIONS, moved.toString(), new SubscriptionCreated(UUID.randomUUID(), at(1), moved,
                UUID.randomUUID(), customer, contoso, "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 10,
                fabrikamPla, fabrikam, "sales"));
        publish(Topics.SUBSCRIPTIONS, supported.toString(), new SubscriptionCreated(UUID.randomUUID(), at(1),
                supported, UUID.randomUUID(), customer, contoso, "CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard",
                5, northwindPla, northwind, "sales"));
        publish(Topics.SUBSCRIPTIONS, kept.toString(), new SubscriptionCreated(UUID.randomUUID(), at(2), kept,
                UUID.randomUUID(), customer, contoso, "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 3,
                fabrikamPla, fabrikam, "sales"));
        publish(Topics.SUBSCRIPTIONS, litwares.toString(), new SubscriptionCreated(UUID.randomUUID(), at(2), litwares,
                UUID.randomUUID(), litwareCustomer, litware, "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 7,
                fabrikamPla, fabrikam, "sales"));
        publish(Topics.SUBSCRIPTIONS, moved.toString(), new SupportContactDesignated(UUID.randomUUID(), at(2), moved,
                customer, contoso, fabrikam, fabrikamPla, "Fabrikam support", null, "helpdesk"));
        publish(Topics.SUBSCRIPTIONS, supported.toString(), new SupportContactDesignated(UUID.randomUUID(), at(3),
                supported, customer, contoso, fabrikam, fabrikamPla, "Fabrikam support", null, "helpdesk"));
        publish(Topics.SUBSCRIPTIONS, moved.toString(), new ResellerOfRecordChanged(UUID.randomUUID(), at(4), moved,
                customer, contoso, fabrikamPla, fabrikam, northwindPla, northwind, "sales"));
        String admin = TOKENS.provider(contoso, "GlobalAdmin");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/resellers/" + northwind
                + "/associations?kind=reseller_of_record", admin).body().get("totalCount").asLong() == 2
                && api.get("/api/v1/resellers/" + fabrikam + "/associations?kind=support_contact", admin).body()
                .get("totalCount").asLong() == 2
                && api.get("/api/v1/resellers/" + fabrikam + "/associations?kind=reseller_of_record",
                TOKENS.reseller(fabrikam, "AdminAgent")).body().get("totalCount").asLong() == 2);
    }

    private HttpApi.Response csv(String path, String token) {
        return api.withHeaders("GET", path, token, null, Map.of("Accept", "text/csv"));
    }

    private static List<Map<String, String>> rows(String csv) throws java.io.IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("subscriptionId").asText()));
        return ids;
    }

    private static JsonNode item(JsonNode page, UUID subscription) {
        for (JsonNode item : page.get("items")) {
            if (item.get("subscriptionId").asText().equals(subscription.toString())) {
                return item;
            }
        }
        throw new AssertionError("no " + subscription + " in " + page);
    }

    /** The ids as the report orders them: PostgreSQL's uuid order, which is that of their text. */
    private static String[] sorted(UUID... ids) {
        Set<String> unique = new HashSet<>();
        for (UUID id : ids) {
            unique.add(id.toString());
        }
        return unique.stream().sorted().toArray(String[]::new);
    }

    private Instant at(int minute) {
        return t0.plus(Duration.ofMinutes(minute));
    }
}
