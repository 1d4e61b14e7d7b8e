package com.cspchannel.system;

import com.cspchannel.client.Answer;
import com.cspchannel.client.customer.api.CustomersApi;
import com.cspchannel.client.customer.model.CustomerView;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.api.PartnershipsApi;
import com.cspchannel.client.partnership.model.ComplianceRequest;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.InvitationDraft;
import com.cspchannel.client.partnership.model.InvitationRequest;
import com.cspchannel.client.partnership.model.ProviderProfileRequest;
import com.cspchannel.client.partnership.model.RemovePartnershipRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.cspchannel.client.subscription.api.SubscriptionsApi;
import com.cspchannel.client.subscription.model.LineItemRequest;
import com.cspchannel.client.subscription.model.OrderRequest;
import com.cspchannel.client.subscription.model.OrderView;
import com.cspchannel.client.subscription.model.PageSubscriptionView;
import com.cspchannel.client.subscription.model.SubscriptionPatch;
import com.cspchannel.client.subscription.model.SubscriptionView;
import com.cspchannel.client.subscription.model.SupportContactRequest;
import com.cspchannel.infra.CustomerRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static com.cspchannel.client.Answer.attempt;
import static com.cspchannel.client.Answer.of;
import static com.cspchannel.system.Clients.ok;
import static com.cspchannel.system.SystemStack.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's flow a hundred times across the four service processes, over HTTP only, with no sleep and no
 * polling between the steps: each step sends the consistency token of the step before. Partner, create a
 * customer with an initial order for the reseller, order more, name the reseller of record and support contact,
 * remove the partnership, and an order naming the reseller is refused. No step is refused spuriously, nothing
 * naming the reseller is accepted after the removal, and every customer's initial order ends as subscription-
 * service holds it. Every call goes through the clients generated from the services' documents.
 */
class ConsistentFlowIT {

    private static final String BASIC = CustomerRequests.BASIC;
    private static final String TEAMS = "CFQ7TTC0LHXM:0001";
    /** The hundred; {@code -Dflow.runs=N} for a shorter pass (CI's second JDK). */
    private static final int RUNS = Integer.getInteger("flow.runs", 100);

    private final SystemStack stack = SystemStack.get();
    private final Map<String, Long> millisByStep = new TreeMap<>();

    /** Runs one step, timed under {@code name}; the next step sends its answer's consistency token. */
    private <T> Answer<T> step(String name, Answer.Call<Answer<T>> call) {
        long start = System.nanoTime();
        Answer<T> answer = attempt(call);
        millisByStep.merge(name, (System.nanoTime() - start) / 1_000_000, Long::sum);
        return answer;
    }

    /** The token to send next: the answer's, or the one sent when it has none. */
    private static String next(Answer<?> answer, String sent) {
        String token = answer.consistencyToken();
        return token == null ? sent : token;
    }

    @Test
    void theSeedsFlowAHundredTimesPassingTokensHasNoSpuriousRefusalAndNothingAcceptedAfterTheRemoval() {
        UUID provider = UUID.randomUUID();
        String admin = TOKENS.provider(provider, "GlobalAdmin");
        DirectoryApi directory = Clients.directory(TOKENS.platform("DirectoryAdmin"));
        PartnershipsApi partnerships = Clients.partnerships(admin);
        CustomersApi customers = Clients.customers(admin);
        SubscriptionsApi subscriptions = Clients.subscriptions(admin);
        Answer<?> registered = step("PUT /providers/{id}", () -> of(directory.saveProviderWithHttpInfo(provider,
                new ProviderProfileRequest().name("Contoso").contactEmail("csp@contoso.example").cspRegion("Europe")
                        .partnerId(PartnerIds.provider()), null)));
        assertThat(registered.status()).as(registered.toString()).isBetween(200, 201);

        List<String> spurious = new ArrayList<>();
        List<String> acceptedAfterRemoval = new ArrayList<>();
        List<UUID> customerIds = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            UUID reseller = UUID.randomUUID();
            String pla = PartnerIds.pla();
            PartnershipsApi resellerAdmin = Clients.partnerships(TOKENS.reseller(reseller, "GlobalAdmin"));
            String name = "Reseller " + run;
            String email = "r" + run + "@example.org";
            List<Answer<?>> steps = new ArrayList<>();
            String t0 = next(registered, null);
            Answer<?> enrolled = step("POST /resellers", () -> of(directory.enrolWithHttpInfo(
                    new EnrolResellerRequest().resellerTenantId(reseller).profile(new ResellerProfile().name(name)
                            .contactEmail(email).country("DE").cspRegion("Europe").plaPartnerIds(List.of(pla))
                            .pgaPartnerId(PartnerIds.pga())), t0)));
            steps.add(enrolled);
            String t1 = next(enrolled, t0);
            Answer<?> compliant = step("PUT /resellers/{id}/compliance", () -> of(directory
                    .changeComplianceWithHttpInfo(reseller, new ComplianceRequest().mpaSignedRegions(List.of("Europe"))
                            .programStatus(ComplianceRequest.ProgramStatusEnum.ACTIVE), null, t1)));
            steps.add(compliant);
            String t2 = next(compliant, t1);
            Answer<InvitationDraft> invited = step("POST /partnership-invitations", () -> of(partnerships
                    .requestPartnershipWithHttpInfo(t2, null, null,
                            new InvitationRequest().resellerTenantId(reseller))));
            steps.add(invited);
            if (!record(run, steps, spurious)) {
                continue;
            }
            String t3 = next(invited, t2);
            Answer<?> accepted = step("POST /partnership-invitations/{token}/accept", () -> of(resellerAdmin
                    .acceptWithHttpInfo(Clients.invitationToken(invited.data().getLink()), t3, null, null)));
            steps.add(accepted);
            String t4 = next(accepted, t3);
            Answer<CustomerView> created = step("POST /customers", () -> of(customers.createWithHttpInfo(
                    Clients.newCustomer(reseller, pla), t4, null, null)));
            steps.add(created);
            if (!record(run, steps, spurious)) {
                continue;
            }
            UUID customer = created.data().getId();
            customerIds.add(customer);
            String t5 = next(created, t4);
            Answer<OrderView> ordered = step("POST /customers/{id}/orders", () -> of(subscriptions.orderWithHttpInfo(
                    customer, new OrderRequest().lineItems(List.of(new LineItemRequest().offerId(TEAMS).quantity(5))),
                    t5, null, null)));
            steps.add(ordered);
            if (!record(run, steps, spurious)) {
                continue;
            }
            String t6 = next(ordered, t5);
            Answer<PageSubscriptionView> listed = step("GET /customers/{id}/subscriptions", () -> of(subscriptions
                    .subscriptionsWithHttpInfo(customer, null, null, null, 50, t6)));
            steps.add(listed);
            UUID teams = listed.ok() ? listed.data().getItems().stream()
                    .filter(s -> ordered.data().getId().equals(s.getOrderId())).map(SubscriptionView::getId)
                    .findFirst().orElse(null) : null;
            if (!record(run, steps, spurious)) {
                continue;
            }
            if (teams == null) {
                spurious.add("run " + run + ": no subscription of order " + ordered.data().getId());
                continue;
            }
            String t7 = next(listed, t6);
            Answer<?> patched = step("PATCH /customers/{id}/subscriptions/{id}", () -> of(subscriptions
                    .patchWithHttpInfo(customer, teams, new SubscriptionPatch().partnerId(pla), null, t7, null, null)));
            steps.add(patched);
            String t8 = next(patched, t7);
            Answer<?> designated = step("PUT /customers/{id}/subscriptions/{id}/supportcontact", () -> of(subscriptions
                    .designateWithHttpInfo(customer, teams, new SupportContactRequest().supportTenantId(reseller)
                            .supportMpnId(pla).name("Support " + name), null, t8, null, null)));
            steps.add(designated);
            String t9 = next(designated, t8);
            Answer<?> removed = step("DELETE /partnerships/{id}", () -> of(partnerships.removeWithHttpInfo(reseller,
                    t9, new RemovePartnershipRequest().goodFaithAttestation(true).reason("ended"))));
            steps.add(removed);
            if (!record(run, steps, spurious)) {
                continue;
            }
            String t10 = next(removed, t9);
            Answer<?> after = step("POST /customers/{id}/orders", () -> of(subscriptions.orderWithHttpInfo(customer,
                    new OrderRequest().partnerOnRecordAttestationAccepted(true).lineItems(List.of(new LineItemRequest()
                            .offerId(BASIC).quantity(1).partnerIdOnRecord(pla))), t10, null, null)));
            if (after.status() != 422 || !after.problem().contains("reseller-not-partnered")) {
                acceptedAfterRemoval.add("run " + run + ": " + after);
            }
        }
        System.out.println("milliseconds per step, summed over " + RUNS + " runs: " + millisByStep);
        assertThat(spurious).as("spurious refusals").isEmpty();
        assertThat(acceptedAfterRemoval).as("transactions naming the reseller after its removal").isEmpty();

        // Every customer's initial order is as subscription-service holds it: placed, and shown fulfilled.
        stack.awaitConsumed("customer-service.subscriptions", "csp.subscriptions.events");
        for (UUID customer : customerIds) {
            List<OrderView> orders = ok(() -> subscriptions.orders(customer, null, 10, null)).getItems();
            assertThat(orders).as(customer.toString())
                    .anyMatch(order -> order.getSource().equals("initial") && order.getStatus().equals("placed"));
            assertThat(ok(() -> customers.get(customer, null)).getOrder().getStatus()).as(customer.toString())
                    .isEqualTo("fulfilled");
        }
    }

    /** Adds the steps' refusals to {@code spurious}; true when every step was answered with a 2xx. */
    private static boolean record(int run, List<Answer<?>> steps, List<String> spurious) {
        boolean all = true;
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).ok()) {
                spurious.add("run " + run + " step " + i + ": " + steps.get(i));
                all = false;
            }
        }
        steps.clear();
        return all;
    }

}
