package com.cspchannel.local;

import com.cspchannel.client.Answer;
import com.cspchannel.client.ApiClients;
import com.cspchannel.client.customer.api.CustomersApi;
import com.cspchannel.client.customer.model.AddressRequest;
import com.cspchannel.client.customer.model.BillingProfileRequest;
import com.cspchannel.client.customer.model.CompanyProfileRequest;
import com.cspchannel.client.customer.model.CreateCustomerRequest;
import com.cspchannel.client.customer.model.CustomerView;
import com.cspchannel.client.customer.model.LineItemRequest;
import com.cspchannel.client.customer.model.OrderRequest;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.api.PartnershipsApi;
import com.cspchannel.client.partnership.model.ComplianceRequest;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.InvitationDraft;
import com.cspchannel.client.partnership.model.InvitationRequest;
import com.cspchannel.client.partnership.model.PagePartnershipView;
import com.cspchannel.client.partnership.model.PartnershipView;
import com.cspchannel.client.partnership.model.ProviderProfileRequest;
import com.cspchannel.client.partnership.model.RemovePartnershipRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.cspchannel.client.subscription.api.SubscriptionsApi;
import com.cspchannel.client.subscription.model.PageSubscriptionView;
import com.cspchannel.client.subscription.model.SubscriptionPatch;
import com.cspchannel.client.subscription.model.SubscriptionView;
import com.cspchannel.client.subscription.model.SupportContactRequest;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code --seed-demo}: demo data loaded through the services' HTTP APIs, as users would, so that it passes the
 * same rules and produces the same events. It calls them with the clients generated from their OpenAPI documents
 * (module api-client), so the seed is also a client the documents must describe. Running it again changes nothing: what exists already (409) or is
 * already removed (404) is fine, and partnerships that exist in any state are left alone.
 */
final class DemoSeed {

    static final UUID NORTHWIND_TENANT = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final UUID LITWARE_TENANT = UUID.fromString("44444444-4444-4444-8444-444444444444");

    static final String PROVIDER_NAME = "Contoso Distribution";
    static final String PROVIDER_PARTNER_ID = "4847383";
    static final String REGION = "Europe";

    /** A reseller of the demo directory. */
    record DemoReseller(UUID tenantId, String name, String contactEmail, String country, String plaPartnerId,
                        String pgaPartnerId, String preferredLanguage, boolean mpaSigned, String note) {
    }

    static final DemoReseller FABRIKAM = new DemoReseller(LocalStack.DEMO_RESELLER_TENANT, "Fabrikam GmbH",
            "partners@fabrikam.example", "DE", "5123456", "5100000", "de-DE", true,
            "MPA signed; partnered");
    static final DemoReseller NORTHWIND = new DemoReseller(NORTHWIND_TENANT, "Northwind Traders AG",
            "csp@northwind.example", "AT", "5234567", "5200000", "de-AT", false,
            "MPA not signed; partnered, then the partnership was removed");
    static final DemoReseller LITWARE = new DemoReseller(LITWARE_TENANT, "Litware Solutions GmbH",
            "office@litware.example", "DE", "5345678", "5300000", "de-DE", true,
            "MPA signed; not partnered. Its PGA (global) id 5300000 is what users mistakenly enter: "
                    + "verifying it answers 2204");

    private final String partnershipService;
    private final String customerService;
    private final String subscriptionService;
    private final TokenSet tokens;
    private final Logger log;

    DemoSeed(List<ServiceSpec> services, TokenSet tokens, Logger log) {
        this.partnershipService = services.stream().filter(s -> s.name().equals("partnership-service"))
                .findFirst().orElseThrow().baseUrl();
        this.customerService = services.stream().filter(service -> service.name().equals("customer-service"))
                .findFirst().map(ServiceSpec::baseUrl).orElse(null);
        this.subscriptionService = services.stream().filter(service -> service.name().equals("subscription-service"))
                .findFirst().map(ServiceSpec::baseUrl).orElse(null);
        this.tokens = tokens;
        this.log = log;
    }

    private DirectoryApi directory(String token) {
        return new DirectoryApi(ApiClients.partnership(partnershipService, token));
    }

    private PartnershipsApi partnerships(String token) {
        return new PartnershipsApi(ApiClients.partnership(partnershipService, token));
    }

    /** Seeds and returns lines describing the demo data. */
    List<String> run() {
        log.info("seeding demo data through {}…", partnershipService);
        List<String> summary = new ArrayList<>();

        // the provider: the demo provider tenant registered in the CSP program registry
        ProviderProfileRequest provider = new ProviderProfileRequest().name(PROVIDER_NAME)
                .contactEmail("csp-partners@contoso-distribution.example").cspRegion(REGION)
                .partnerId(PROVIDER_PARTNER_ID).preferredLanguage("en-US");
        DirectoryApi directory = directory(tokens.directoryAdmin());
        Answer<?> saved = expect("registering the provider", Set.of(200, 201), () -> Answer.of(
                directory.saveProviderWithHttpInfo(LocalStack.DEMO_PROVIDER_TENANT, provider, null)));
        log.info("  provider {} {}", PROVIDER_NAME, saved.status() == 201 ? "registered" : "profile saved");
        summary.add("provider  " + PROVIDER_NAME + "  " + LocalStack.DEMO_PROVIDER_TENANT + "  PartnerID "
                + PROVIDER_PARTNER_ID + ", region " + REGION + " (the PROVIDER_* tokens)");

        // the reseller directory
        for (DemoReseller reseller : List.of(FABRIKAM, NORTHWIND, LITWARE)) {
            enrol(directory, reseller);
        }

        // partnerships: invitation by the provider, acceptance by the reseller's GlobalAdmin
        PartnershipsApi providerAdmin = partnerships(tokens.providerAdmin());
        Map<UUID, String> existing = partnershipStates(providerAdmin);
        partner(providerAdmin, FABRIKAM, existing);
        partner(providerAdmin, NORTHWIND, existing);
        if (!"removed".equals(existing.get(NORTHWIND.tenantId()))) {
            Answer<?> removed = expect("removing the partnership with " + NORTHWIND.name(), Set.of(200, 404),
                    () -> Answer.of(providerAdmin.removeWithHttpInfo(NORTHWIND.tenantId(), null,
                            new RemovePartnershipRequest().goodFaithAttestation(true).reason("demo"))));
            log.info("  partnership with {} {}", NORTHWIND.name(), removed.status() == 200 ? "removed"
                    : "already removed");
        }
        for (DemoReseller reseller : List.of(FABRIKAM, NORTHWIND, LITWARE)) {
            summary.add("reseller  " + reseller.name() + "  " + reseller.tenantId() + "  PLA " + reseller.plaPartnerId()
                    + ", PGA " + reseller.pgaPartnerId() + ": " + reseller.note()
                    + (reseller == FABRIKAM ? " (the RESELLER_* tokens)" : ""));
        }

        if (customerService != null) {
            UUID customerId = seedCustomer(summary);
            if (subscriptionService != null) {
                summary.add(seedSubscriptions(customerId));
            }
        }

        log.info("demo data ready");
        return summary;
    }

    /**
     * A customer of the demo provider created for Fabrikam, with an order naming Fabrikam reseller of record.
     * The customer service learns of the partnership from Kafka, so this retries while it is not known yet. The
     * Idempotency-Key makes a re-run answer the same customer. The temporary password is deliberately not shown:
     * it appears once, in the API answer, and the seed's output is written to a log file.
     */
    private UUID seedCustomer(List<String> summary) {
        CreateCustomerRequest customer = new CreateCustomerRequest()
                .companyProfile(new CompanyProfileRequest().companyName("Wingtip Toys")
                        .domain("wingtiptoys-demo.onmicrosoft.com"))
                .billingProfile(new BillingProfileRequest().firstName("Jana").lastName("Novak")
                        .email("jana@wingtiptoys.example").culture("de-DE").language("de")
                        .companyName("Wingtip Toys GmbH").defaultAddress(new AddressRequest()
                                .addressLine1("Hauptstrasse 1").city("Berlin").postalCode("10115").country("DE")))
                .associatedPartnerId(FABRIKAM.tenantId())
                .order(new OrderRequest().lineItems(List.of(
                        new LineItemRequest().offerId("CFQ7TTC0LH18:0001").quantity(10)
                                .partnerIdOnRecord(FABRIKAM.plaPartnerId()),
                        new LineItemRequest().offerId("CFQ7TTC0LHXM:0001").quantity(5))));
        CustomersApi customers = new CustomersApi(ApiClients.customer(customerService, tokens.providerAdmin()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Answer<CustomerView> created = expect("creating the demo customer", Set.of(200, 201, 422),
                    () -> Answer.of(customers.createWithHttpInfo(customer, null, "demo-customer-wingtip-toys",
                            null)));
            if (created.status() != 422) {
                UUID id = created.data().getId();
                log.info("  customer Wingtip Toys {} for {}", created.status() == 201 ? "created" : "exists already",
                        FABRIKAM.name());
                summary.add("customer  Wingtip Toys  " + id + "  administered by " + FABRIKAM.name()
                        + "; admin admin@wingtiptoys-demo.onmicrosoft.com (reset its password to see one)");
                return id;
            }
            if (!"reseller-not-partnered".equals(created.code()) || System.nanoTime() > deadline) {
                throw new StartupFailure("creating the demo customer was refused: " + created.problem(),
                        "demo seeding", null);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /**
     * The customer's subscriptions (from its initial order): Fabrikam becomes reseller of record of the Teams
     * subscription after its PartnerID is verified, and support contact of Business Basic.
     */
    private String seedSubscriptions(UUID customerId) {
        SubscriptionsApi admin = new SubscriptionsApi(ApiClients.subscription(subscriptionService,
                tokens.providerAdmin()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<SubscriptionView> items;
        while (true) {
            // 404 customer-not-found until subscription-service's copy of the customers has the new one
            Answer<PageSubscriptionView> page = expect("listing the demo customer's subscriptions", Set.of(200, 404),
                    () -> Answer.of(admin.subscriptionsWithHttpInfo(customerId, null, null, null, null, null)));
            items = page.ok() ? page.data().getItems() : List.of();
            if (items.size() >= 2 || System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        if (items.size() < 2) {
            throw new StartupFailure("the demo customer's subscriptions did not appear", "demo seeding", null);
        }
        String verified = expect("verifying " + FABRIKAM.name() + "'s PartnerID", Set.of(200), () -> Answer.of(
                directory(tokens.providerSales()).verifyWithHttpInfo(FABRIKAM.plaPartnerId(), null))).data().getCode();
        SubscriptionsApi sales = new SubscriptionsApi(ApiClients.subscription(subscriptionService,
                tokens.providerSales()));
        SubscriptionsApi helpdesk = new SubscriptionsApi(ApiClients.subscription(subscriptionService,
                tokens.providerHelpdesk()));
        for (SubscriptionView subscription : items) {
            UUID id = subscription.getId();
            if (subscription.getOfferId().equals("CFQ7TTC0LHXM:0001")
                    && !FABRIKAM.plaPartnerId().equals(subscription.getPartnerId())) {
                expect("making " + FABRIKAM.name() + " reseller of record", Set.of(200), () -> Answer.of(
                        sales.patchWithHttpInfo(customerId, id, new SubscriptionPatch()
                                .partnerId(FABRIKAM.plaPartnerId()), null, null, null, null)));
            }
            if (subscription.getOfferId().equals("CFQ7TTC0LH18:0001")) {
                expect("designating " + FABRIKAM.name() + " support contact", Set.of(200), () -> Answer.of(
                        helpdesk.designateWithHttpInfo(customerId, id, new SupportContactRequest()
                                .supportTenantId(FABRIKAM.tenantId()).supportMpnId(FABRIKAM.plaPartnerId())
                                .name(FABRIKAM.name() + " support"), null, null, null, null)));
            }
        }
        log.info("  subscriptions: {} reseller of record of Teams Essentials (PartnerID verified: {}), support "
                + "contact of Business Basic", FABRIKAM.name(), verified);
        return "subscriptions  Business Basic (reseller of record and support contact: " + FABRIKAM.name()
                + "), Teams Essentials (reseller of record changed to " + FABRIKAM.name() + ")";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    private void enrol(DirectoryApi directory, DemoReseller reseller) {
        ResellerProfile profile = new ResellerProfile().name(reseller.name()).contactEmail(reseller.contactEmail())
                .country(reseller.country()).cspRegion(REGION).plaPartnerIds(List.of(reseller.plaPartnerId()))
                .pgaPartnerId(reseller.pgaPartnerId()).preferredLanguage(reseller.preferredLanguage());
        Answer<?> enrolled = expect("enrolling " + reseller.name(), Set.of(201, 409), () -> Answer.of(
                directory.enrolWithHttpInfo(new EnrolResellerRequest().resellerTenantId(reseller.tenantId())
                        .profile(profile), null)));
        if (enrolled.status() == 409 && !"already-enrolled".equals(enrolled.code())) {
            throw new StartupFailure("enrolling " + reseller.name() + " was refused: " + enrolled.problem());
        }
        ComplianceRequest compliance = new ComplianceRequest()
                .mpaSignedRegions(reseller.mpaSigned() ? List.of(REGION) : List.of())
                .programStatus(ComplianceRequest.ProgramStatusEnum.ACTIVE);
        expect("recording " + reseller.name() + "'s compliance", Set.of(200), () -> Answer.of(
                directory.changeComplianceWithHttpInfo(reseller.tenantId(), compliance, null, null)));
        log.info("  reseller {} {} (MPA {}signed)", reseller.name(), enrolled.status() == 201 ? "enrolled"
                : "already enrolled", reseller.mpaSigned() ? "" : "not ");
    }

    /** Invitation and acceptance, unless a partnership with this reseller exists in any state. */
    private void partner(PartnershipsApi providerAdmin, DemoReseller reseller, Map<UUID, String> existing) {
        if (existing.containsKey(reseller.tenantId())) {
            log.info("  partnership with {} exists already ({})", reseller.name(), existing.get(reseller.tenantId()));
            return;
        }
        InvitationDraft invitation = expect("inviting " + reseller.name(), Set.of(201), () -> Answer.of(
                providerAdmin.requestPartnershipWithHttpInfo(null, null, null,
                        new InvitationRequest().resellerEmail(reseller.contactEmail())))).data();
        String link = invitation.getLink();
        String token = link.substring(link.lastIndexOf('/') + 1);
        String resellerAdmin = reseller.tenantId().equals(LocalStack.DEMO_RESELLER_TENANT) ? tokens.resellerAdmin()
                : tokens.minter().reseller(reseller.tenantId(), "GlobalAdmin");
        Answer<?> accepted = expect(reseller.name() + " accepting the invitation", Set.of(201, 409),
                () -> Answer.of(partnerships(resellerAdmin).acceptWithHttpInfo(token, null, null, null)));
        log.info("  partnership with {} {}", reseller.name(), accepted.status() == 201 ? "accepted"
                : "already active");
    }

    private Map<UUID, String> partnershipStates(PartnershipsApi providerAdmin) {
        Answer<PagePartnershipView> page = expect("listing the partnerships", Set.of(200),
                () -> Answer.of(providerAdmin.listPartnershipsWithHttpInfo("all", null, 200, null)));
        Map<UUID, String> states = new HashMap<>();
        for (PartnershipView item : page.data().getItems()) {
            states.put(item.getResellerTenantId(), item.getState());
        }
        return states;
    }

    /** The answer of {@code call}, which must have one of the {@code expected} statuses. */
    private static <T> Answer<T> expect(String what, Set<Integer> expected, Answer.Call<Answer<T>> call) {
        Answer<T> answer;
        try {
            answer = Answer.attempt(call);
        } catch (RuntimeException e) {
            throw new StartupFailure(what + " failed: " + e.getMessage(), "demo seeding", null);
        }
        if (!expected.contains(answer.status())) {
            throw new StartupFailure(what + " answered " + answer, "demo seeding", null);
        }
        return answer;
    }
}
