package com.cspchannel.partnership.web;

import com.cspchannel.infra.HttpApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The invitation link, as a reseller's Global admin meets it: opened from the invitation email in a real headless
 * Chromium, it shows who invites, the CSP region, the expiry and the state; the development sign-in; the
 * acceptance through the page, after which the partnership is in the provider's and the reseller's lists; and
 * clear messages for a link that was used, withdrawn, has expired, or is meant for another organisation.
 */
class InvitationPageBrowserIT extends IntegrationTest {

    private final UUID provider = UUID.randomUUID();
    private final String providerAdmin = TOKENS.provider(provider, "GlobalAdmin");
    private final List<HeadlessChromium> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(HeadlessChromium::close);
        CLOCK.release();
    }

    @Test
    void aResellersGlobalAdminOpensTheLinkFromTheEmailSignsInAndAccepts() throws Exception {
        registerProvider(provider, "Contoso", "4" + digits());
        UUID reseller = enrolledReseller("Fabrikam");
        HttpApi.Response draft = api.post("/api/v1/partnership-invitations", providerAdmin,
                Map.of("resellerEmail", "admin@fabrikam.example", "resellerTenantId", reseller));
        assertThat(draft.status()).as(draft.raw()).isEqualTo(201);
        String link = linkInTheEmail(draft.body());
        assertThat(link).isEqualTo(draft.body().get("link").asText())
                .startsWith("http://127.0.0.1:" + port + "/invitations/");
        Instant expiresAt = Instant.parse(draft.body().get("expiresAt").asText());

        HeadlessChromium browser = browser();
        browser.open(link);
        assertThat(browser.byId("inviter").getText()).isEqualTo("Contoso");
        assertThat(browser.byId("region").getText()).isEqualTo("Europe");
        WebElement expires = browser.byId("expires").findElement(By.tagName("time"));
        assertThat(Instant.parse(expires.getDomAttribute("datetime"))).isCloseTo(expiresAt, within(1, ChronoUnit.MILLIS));
        assertThat(expires.getText()).contains(String.valueOf(expiresAt.atZone(java.time.ZoneOffset.UTC).getYear()))
                .endsWith("UTC");
        assertThat(browser.byId("state").getDomAttribute("data-state")).isEqualTo("pending");
        assertThat(browser.has("accept")).as("nothing can be accepted before signing in").isFalse();
        assertOnlyThisServiceWasContacted(browser);

        // Keyboard only: tab to "Sign in to accept", then fill in the labelled development sign-in form.
        pressTabUntilFocused(browser, "sign-in").sendKeys(Keys.ENTER);
        assertEveryFieldHasALabel(browser);
        browser.byId("tenantId").sendKeys(reseller.toString());
        assertThat(browser.byId("partnerType").getDomProperty("value")).isEqualTo("reseller");
        assertThat(browser.byId("role").getDomProperty("value")).isEqualTo("GlobalAdmin");
        browser.byId("name").sendKeys("Alex Admin", Keys.ENTER);

        assertThat(browser.byId("signed-in").getText()).contains("GlobalAdmin").contains(reseller.toString());
        assertThat(browser.byId("inviter").getText()).isEqualTo("Contoso");
        // the sign-in is a row of the service's database, so every replica knows this browser
        assertThat(jdbc.queryForObject("select count(*) from spring_session_attributes"
                + " where attribute_name = 'SPRING_SECURITY_CONTEXT'", Long.class)).isPositive();
        // A second tab on the same link, as a double-check before accepting in the first one.
        String firstTab = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open(link);
        assertThat(browser.byId("accept").isEnabled()).isTrue();
        browser.driver.switchTo().window(firstTab);

        pressTabUntilFocused(browser, "accept").sendKeys(Keys.ENTER);

        assertThat(browser.byId("accepted").getText()).contains("Contoso").contains("indirect provider");
        assertThat(browser.byId("accepted").getDomAttribute("role")).isEqualTo("status");
        assertThat(browser.byId("state").getDomAttribute("data-state")).isEqualTo("accepted");
        JsonNode providersList = api.get("/api/v1/partnerships", providerAdmin).body();
        assertThat(providersList.get("totalCount").asLong()).isEqualTo(1);
        assertThat(providersList.get("items").get(0).get("resellerTenantId").asText()).isEqualTo(reseller.toString());
        assertThat(providersList.get("items").get(0).get("state").asText()).isEqualTo("active");
        JsonNode resellersList = api.get("/api/v1/partnerships", TOKENS.reseller(reseller, "AdminAgent")).body();
        assertThat(resellersList.get("totalCount").asLong()).isEqualTo(1);
        assertThat(resellersList.get("items").get(0).get("providerName").asText()).isEqualTo("Contoso");
        long events = storedEvents();

        // The second tab still shows the button: accepting there is refused and changes nothing.
        String secondTab = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(firstTab)).findFirst()
                .orElseThrow();
        browser.driver.switchTo().window(secondTab);
        browser.byId("accept").click();
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("invitation-used");
        assertThat(browser.byId("problem").getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.byId("problem").getText()).contains("already used")
                .contains("Your organisation accepted it");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(api.get("/api/v1/partnerships", providerAdmin).body().get("totalCount").asLong()).isEqualTo(1);

        // Opening the link again, signed in or not: already used, and nothing to accept.
        browser.open(link);
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("invitation-used");
        assertThat(browser.has("accept")).isFalse();
        HeadlessChromium someoneElse = browser();
        someoneElse.open(link);
        assertThat(someoneElse.byId("problem").getText()).contains("already used");
        assertThat(someoneElse.has("sign-in")).isFalse();
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void theLinkSaysWhenItWasWithdrawnHasExpiredIsForAnotherOrganisationOrIsNotValid() {
        registerProvider(provider, "Contoso", "4" + digits());
        UUID invited = enrolledReseller("Fabrikam");
        UUID other = enrolledReseller("Northwind");
        HeadlessChromium browser = browser();

        HttpApi.Response withdrawn = api.post("/api/v1/partnership-invitations", providerAdmin, Map.of());
        assertThat(api.delete("/api/v1/partnership-invitations/" + withdrawn.body().get("invitationId").asText(),
                providerAdmin, null).status()).isEqualTo(200);
        browser.open(withdrawn.body().get("link").asText());
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("invitation-revoked");
        assertThat(browser.byId("problem").getText()).contains("Contoso withdrew this invitation");
        assertThat(browser.byId("state").getDomAttribute("data-state")).isEqualTo("revoked");
        assertThat(browser.has("sign-in")).isFalse();

        HttpApi.Response old = api.post("/api/v1/partnership-invitations", providerAdmin, Map.of());
        CLOCK.advance(Duration.ofDays(31));
        browser.open(old.body().get("link").asText());
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("invitation-expired");
        assertThat(browser.byId("problem").getText()).contains("has expired").contains("Ask Contoso");
        assertThat(browser.byId("state").getDomAttribute("data-state")).isEqualTo("expired");
        assertThat(browser.has("sign-in")).isFalse();
        CLOCK.release();

        String forFabrikam = api.post("/api/v1/partnership-invitations", providerAdmin,
                Map.of("resellerTenantId", invited)).body().get("link").asText();
        browser.open(forFabrikam);
        signIn(browser, other, "GlobalAdmin");
        assertThat(browser.byId("problem").getDomAttribute("data-code"))
                .isEqualTo("invitation-for-another-organisation");
        assertThat(browser.has("accept")).isFalse();
        browser.byId("sign-out").click();
        assertThat(browser.byId("inviter").getText()).as("back on the invitation, signed out").isEqualTo("Contoso");
        assertThat(browser.has("signed-in")).isFalse();
        signIn(browser, invited, "AdminAgent");
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("global-admin-required");
        assertThat(browser.has("accept")).isFalse();

        browser.open("http://127.0.0.1:" + port + "/invitations/" + "0".repeat(32) + "." + "A".repeat(43));
        assertThat(browser.byId("problem").getDomAttribute("data-code")).isEqualTo("invitation-not-found");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Invitation link not valid");
        assertThat(api.get("/api/v1/partnerships", providerAdmin).body().get("totalCount").asLong()).isZero();
    }

    @Test
    void thePageIsNeitherCachedNorReferredNorFramedAndAnApiTokenIsNoSession() throws Exception {
        registerProvider(provider, "Contoso", "4" + digits());
        String link = api.post("/api/v1/partnership-invitations", providerAdmin, Map.of()).body().get("link").asText();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(page.body()).contains("Contoso").doesNotContain("https://");

        // Accepting needs a signed-in page session and its CSRF token: a bearer token alone does nothing here.
        String token = link.substring(link.lastIndexOf('/') + 1);
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(link + "/accept")).header("Authorization", "Bearer "
                        + TOKENS.reseller(UUID.randomUUID(), "GlobalAdmin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/partnership-invitations?state=pending", providerAdmin).body().get("totalCount")
                .asLong()).isEqualTo(1);
        assertThat(token).hasSize(76);
    }

    private HeadlessChromium browser() {
        HeadlessChromium browser = HeadlessChromium.start();
        browsers.add(browser);
        return browser;
    }

    private UUID enrolledReseller(String name) {
        UUID reseller = UUID.randomUUID();
        String n = digits();
        enrolReseller(reseller, name + n, "Europe", List.of("5" + n), "6" + n, "Europe");
        return reseller;
    }

    private static String digits() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
    }

    /** The link as the reseller gets it: the line of the draft email's body that is a URL. */
    private static String linkInTheEmail(JsonNode draft) {
        return draft.get("body").asText().lines().map(String::strip).filter(line -> line.startsWith("http"))
                .findFirst().orElseThrow(() -> new AssertionError("no link in " + draft.get("body").asText()));
    }

    /** Signs in from the invitation's page with the development sign-in. */
    private static void signIn(HeadlessChromium browser, UUID tenant, String role) {
        browser.byId("sign-in").click();
        browser.byId("tenantId").sendKeys(tenant.toString());
        new org.openqa.selenium.support.ui.Select(browser.byId("role")).selectByValue(role);
        browser.byId("development-sign-in-submit").click();
        browser.byId("signed-in");
    }

    /** Presses Tab from the top of the page until the element with this id has the focus, as a keyboard user. */
    private static WebElement pressTabUntilFocused(HeadlessChromium browser, String id) {
        browser.byId(id);
        WebElement body = browser.driver.findElement(By.tagName("body"));
        ((JavascriptExecutor) browser.driver).executeScript("document.activeElement && document.activeElement.blur()");
        for (int i = 0; i < 30; i++) {
            body.sendKeys(Keys.TAB);
            WebElement focused = browser.driver.switchTo().activeElement();
            if (id.equals(focused.getDomAttribute("id"))) {
                return focused;
            }
            body = focused;
        }
        throw new AssertionError("#" + id + " cannot be reached with the Tab key");
    }

    /** Every visible input and select is named by a label of its own. */
    private static void assertEveryFieldHasALabel(HeadlessChromium browser) {
        browser.byId("tenantId");
        List<WebElement> fields = browser.driver.findElements(By.cssSelector("input:not([type=hidden]), select"));
        assertThat(fields).isNotEmpty();
        for (WebElement field : fields) {
            String id = field.getDomAttribute("id");
            assertThat(browser.driver.findElements(By.cssSelector("label[for='" + id + "']")))
                    .as("a label for #" + id).hasSize(1);
        }
    }

    /** Every resource the page loaded came from this service: no other host learns of the link. */
    private void assertOnlyThisServiceWasContacted(HeadlessChromium browser) {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser.driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + port + "/"));
    }
}
