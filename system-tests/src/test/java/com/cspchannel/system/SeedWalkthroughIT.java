package com.cspchannel.system;

import com.cspchannel.client.Answer;
import com.cspchannel.client.customer.api.CustomersApi;
import com.cspchannel.client.customer.model.AddressRequest;
import com.cspchannel.client.customer.model.BillingProfileRequest;
import com.cspchannel.client.customer.model.CompanyProfileRequest;
import com.cspchannel.client.customer.model.CreateCustomerRequest;
import com.cspchannel.client.customer.model.CustomerView;
import com.cspchannel.client.notification.api.NotificationsApi;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.api.PartnershipsApi;
import com.cspchannel.client.partnership.api.ResellerAssociationsApi;
import com.cspchannel.client.partnership.model.ComplianceRequest;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.InvitationDraft;
import com.cspchannel.client.partnership.model.InvitationRequest;
import com.cspchannel.client.partnership.model.ProviderProfileRequest;
import com.cspchannel.client.partnership.model.RemovalView;
import com.cspchannel.client.partnership.model.RemovePartnershipRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.cspchannel.client.subscription.api.SubscriptionsApi;
import com.cspchannel.client.subscription.model.LineItemRequest;
import com.cspchannel.client.subscription.model.OrderRequest;
import com.cspchannel.client.subscription.model.SubscriptionPatch;
import com.cspchannel.client.subscription.model.SubscriptionView;
import com.cspchannel.client.subscription.model.SupportContactRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cspchannel.client.Answer.attempt;
import static com.cspchannel.client.Answer.of;
import static com.cspchannel.system.Clients.ok;
import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's whole walkthrough across the four service processes, through HTTP only: partner with a reseller,
 * create a customer for it with subscriptions (review, submit, credentials once), add subscriptions, make the
 * reseller reseller of record after verifying its PartnerID, designate it support contact, remove the partnership,
 * and the associations view before and after. Every call goes through the clients generated from the services'
 * documents, so an answer a document does not describe fails the walkthrough.
 */
class SeedWalkthroughIT {

    private static final String BASIC = "CFQ7TTC0LH18:0001";
    private static final String TEAMS = "CFQ7TTC0LHXM:0001";

    private final SystemStack stack = SystemStack.get();

    /** The provider and reseller a walkthrough created. */
    record Walkthrough(UUID provider, UUID reseller) {
    }

    @Test
    void theIndirectProviderWorkflowFromPartnershipToRemoval() {
        walkthrough();
    }

    Walkthrough walkthrough() {
        UUID provider = UUID.randomUUID();
        UUID reseller = UUID.randomUUID();
        String providerPartnerId = PartnerIds.provider();
        String pla = PartnerIds.pla();
        String pga = PartnerIds.pga();
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        String sales = TOKENS.provider(provider, "SalesAgent");
        String helpdesk = TOKENS.provider(provider, "HelpdeskAgent");
        String resellerAdmin = TOKENS.reseller(reseller, "GlobalAdmin");
        DirectoryApi directory = Clients.directory(TOKENS.platform("DirectoryAdmin"));

        // The registry: the provider and an enrolled reseller with a signed MPA.
        expect(attempt(() -> of(directory.saveProviderWithHttpInfo(provider, new ProviderProfileRequest()
                .name("Contoso Distribution").contactEmail("csp@contoso.example").cspRegion("Europe")
                .partnerId(providerPartnerId), null))), 201);
        expect(attempt(() -> of(directory.enrolWithHttpInfo(new EnrolResellerRequest().resellerTenantId(reseller)
                .profile(new ResellerProfile().name("Fabrikam").contactEmail("partners@fabrikam.example")
                        .country("DE").cspRegion("Europe").plaPartnerIds(List.of(pla)).pgaPartnerId(pga)), null))),
                201);
        expect(attempt(() -> of(directory.changeComplianceWithHttpInfo(reseller, new ComplianceRequest()
                .mpaSignedRegions(List.of("Europe")).programStatus(ComplianceRequest.ProgramStatusEnum.ACTIVE),
                null, null))), 200);

        // 1. Partner with the reseller: request (draft email), the reseller's Global admin accepts.
        PartnershipsApi salesPartnerships = Clients.partnerships(sales);
        InvitationDraft draft = expect(attempt(() -> of(salesPartnerships.requestPartnershipWithHttpInfo(null, null,
                null, new InvitationRequest().resellerEmail("partners@fabrikam.example")))), 201).data();
        assertThat(draft.getMailtoUrl()).startsWith("mailto:");
        expect(attempt(() -> of(Clients.partnerships(resellerAdmin).acceptWithHttpInfo(
                Clients.invitationToken(draft.getLink()), null, null, null))), 201);
        PartnershipsApi partnerships = Clients.partnerships(admin);
        assertThat(ok(() -> partnerships.listPartnerships("active", null, null, null)).getTotalCount()).isEqualTo(1L);

        // 2. A new customer for the reseller with subscriptions: review, then submit; credentials once.
        CustomersApi salesCustomers = Clients.customers(sales);
        CustomersApi customers = Clients.customers(admin);
        String domain = "wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com";
        CreateCustomerRequest customer = new CreateCustomerRequest()
                .companyProfile(new CompanyProfileRequest().companyName("Wingtip Toys").domain(domain))
                .billingProfile(new BillingProfileRequest().firstName("Jana").lastName("Novak")
                        .email("jana@wingtip.example").culture("de-DE").language("de").companyName("Wingtip Toys GmbH")
                        .defaultAddress(new AddressRequest().addressLine1("Hauptstrasse 1").city("Berlin")
                                .postalCode("10115").country("DE")))
                .associatedPartnerId(reseller)
                .order(new com.cspchannel.client.customer.model.OrderRequest().lineItems(List.of(
                        new com.cspchannel.client.customer.model.LineItemRequest().offerId(BASIC).quantity(10)
                                .partnerIdOnRecord(pla))));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                attempt(() -> of(salesCustomers.validateWithHttpInfo(customer, null))).status() == 200);
        CustomerView created = expect(attempt(() -> of(salesCustomers.createWithHttpInfo(customer, null, null,
                null))), 201).data();
        UUID customerId = created.getId();
        String password = created.getUserCredentials().getPassword();
        assertThat(password).hasSize(16);
        CustomerView shown = ok(() -> customers.get(customerId, null));
        assertThat(shown.getUserCredentials()).isNull();
        assertThat(shown.toString()).doesNotContain(password);
        // the subscription service knows the customer (404 until then) and fulfilled its initial order
        SubscriptionsApi subscriptions = Clients.subscriptions(admin);
        SubscriptionsApi salesSubscriptions = Clients.subscriptions(sales);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var list = attempt(() -> of(subscriptions.subscriptionsWithHttpInfo(customerId, null, null, null, null,
                    null)));
            return list.status() == 200 && list.data().getTotalCount() == 1;
        });

        // 3. More subscriptions for the customer.
        OrderRequest teamsOrder = new OrderRequest().lineItems(List.of(new LineItemRequest().offerId(TEAMS)
                .quantity(5)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                attempt(() -> of(salesSubscriptions.reviewWithHttpInfo(customerId, teamsOrder, null))).status() == 200);
        expect(attempt(() -> of(salesSubscriptions.orderWithHttpInfo(customerId, teamsOrder, null, null, null))), 201);
        SubscriptionView teams = ok(() -> subscriptions.subscriptions(customerId, null, null, null, null, null))
                .getItems().stream().filter(s -> s.getOfferId().equals(TEAMS)).findFirst().orElseThrow();
        assertThat(teams.getPartnerId()).isNull();

        // 4. Verify the PartnerID (the PGA id is refused, the PLA id passes), then make it reseller of record.
        DirectoryApi salesDirectory = Clients.directory(sales);
        assertThat(ok(() -> salesDirectory.verify(pga, null)).getCode()).isEqualTo("2204");
        assertThat(ok(() -> salesDirectory.verify(pla, null)).getVerified()).isTrue();
        String etag = expect(attempt(() -> of(subscriptions.subscriptionWithHttpInfo(customerId, teams.getId(),
                null))), 200).header("ETag");
        assertThat(etag).isNotNull();
        assertThat(expect(attempt(() -> of(salesSubscriptions.patchWithHttpInfo(customerId, teams.getId(),
                new SubscriptionPatch().partnerId(pla), etag, null, null, null))), 200).data().getPartnerId())
                .isEqualTo(pla);

        // 5. Designate it support contact.
        expect(attempt(() -> of(Clients.subscriptions(helpdesk).designateWithHttpInfo(customerId, teams.getId(),
                new SupportContactRequest().supportTenantId(reseller).supportMpnId(pla).name("Fabrikam support"),
                null, null, null, null))), 200);

        // The associations view, rebuilt from the streams, answers before the removal.
        ResellerAssociationsApi associations = Clients.associations(admin);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, Long> counts = ok(() -> associations.associations(reseller, null, null, null, null, null))
                    .getCounts();
            return counts.get("partnership") == 1 && counts.get("customer_admin") == 1
                    && counts.get("reseller_of_record") == 2 && counts.get("support_contact") == 1;
        });

        // 6. Remove the partnership: refused without the attestation; with it, nothing cascades and nobody but the
        //    provider is told.
        assertThat(attempt(() -> of(partnerships.removeWithHttpInfo(reseller, null,
                new RemovePartnershipRequest().reason("x")))).status()).isEqualTo(422);
        RemovalView removed = expect(attempt(() -> of(partnerships.removeWithHttpInfo(reseller, null,
                new RemovePartnershipRequest().goodFaithAttestation(true).reason("The reseller left the program")))),
                200).data();
        assertThat(removed.getNotice()).contains("No notice was sent");
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(() -> associations.associations(reseller, null, null,
                null, null, null)).getCounts().get("partnership") == 0);
        // Nothing cascades, checked once every service has consumed the removal: a late cascade would show here.
        stack.awaitConsumed("customer-service.partner-view", "csp.partnerships.events");
        stack.awaitConsumed("subscription-service.partner-view", "csp.partnerships.events");
        stack.awaitConsumed("notification-service", "csp.partnerships.events");
        SubscriptionView teamsAfter = ok(() -> subscriptions.subscription(customerId, teams.getId(), null));
        assertThat(teamsAfter.getPartnerId()).as("the reseller of record stays").isEqualTo(pla);
        assertThat(teamsAfter.getSupportContact().getSupportTenantId()).as("the support contact stays")
                .isEqualTo(reseller);
        assertThat(ok(() -> subscriptions.subscriptions(customerId, pla, null, null, null, null)).getTotalCount())
                .isEqualTo(2L);
        // ...and once the associations view has consumed whatever the services published since.
        for (String topic : List.of("csp.customers.events", "csp.subscriptions.events")) {
            stack.awaitConsumed(associationsGroup(), topic);
        }
        Map<String, Long> after = ok(() -> associations.associations(reseller, null, null, null, null, null))
                .getCounts();
        assertThat(after.get("customer_admin")).as("delegated admin stays").isEqualTo(1L);
        assertThat(after.get("reseller_of_record")).isEqualTo(2L);
        assertThat(after.get("support_contact")).isEqualTo(1L);
        assertThat(ok(() -> customers.get(customerId, null)).getAssociatedPartnerId())
                .as("the customer stays with its reseller").isEqualTo(reseller);
        assertThat(attempt(() -> of(Clients.customers(TOKENS.reseller(reseller, "AdminAgent"))
                .getWithHttpInfo(customerId, null))).status()).isEqualTo(200);
        // new transactions naming the reseller are refused
        OrderRequest namingTheReseller = new OrderRequest().partnerOnRecordAttestationAccepted(true)
                .lineItems(List.of(new LineItemRequest().offerId(BASIC).quantity(1).partnerIdOnRecord(pla)));
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(attempt(() -> of(salesSubscriptions
                .reviewWithHttpInfo(customerId, namingTheReseller, null)))).contains("reseller-not-partnered"));
        assertThat(attempt(() -> of(salesSubscriptions.orderWithHttpInfo(customerId, namingTheReseller, null, null,
                null))).status()).isEqualTo(422);

        // Notifications: the provider learns of the removal with its duty of notice; the reseller is told nothing.
        NotificationsApi providerMail = Clients.notifications(admin);
        NotificationsApi resellerMail = Clients.notifications(resellerAdmin);
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(() -> providerMail.listNotifications(null,
                "partnership_removed", null, null, null, null)).getTotalCount() == 1);
        assertThat(ok(() -> resellerMail.listNotifications(null, "partnership_removed", null, null, null, null))
                .getTotalCount()).isZero();
        // Once the associations view has caught up, the provider (only) gets one list of what still names the
        // reseller: the customer it administers, the subscriptions it is reseller of record or support contact for.
        await().atMost(Duration.ofSeconds(90)).until(() -> ok(() -> providerMail.listNotifications(null,
                "reseller_ineligible", null, null, null, null)).getTotalCount() == 1);
        assertThat(ok(() -> providerMail.listNotifications(null, "reseller_ineligible", null, null, null, null))
                .getItems().get(0).getBody()).contains("- Wingtip Toys (", "reseller of record");
        assertThat(ok(() -> resellerMail.listNotifications(null, "reseller_ineligible", null, null, null, null))
                .getTotalCount()).isZero();
        assertThat(ok(() -> resellerMail.listNotifications(null, "customer_created_for_reseller", null, null, null,
                null)).getTotalCount()).isEqualTo(1L);
        // Point in time: before the removal the reseller was partnered.
        assertThat(ok(() -> associations.resellerOfRecordHistory(teams.getId(), null, null, null)).getItems())
                .hasSize(1);
        return new Walkthrough(provider, reseller);
    }

    /** The consumer group of the associations view's active generation. */
    private static String associationsGroup() {
        return "partnership-service.associations.g" + ok(() -> Clients.associations(TOKENS.platform("Operator"))
                .rebuildStatus(null)).getActiveGeneration();
    }

    private static <T> Answer<T> expect(Answer<T> answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }
}
