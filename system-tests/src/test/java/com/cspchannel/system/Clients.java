package com.cspchannel.system;

import com.cspchannel.client.Answer;
import com.cspchannel.client.ApiClients;
import com.cspchannel.client.customer.api.CustomersApi;
import com.cspchannel.client.customer.model.AddressRequest;
import com.cspchannel.client.customer.model.BillingProfileRequest;
import com.cspchannel.client.customer.model.CompanyProfileRequest;
import com.cspchannel.client.customer.model.CreateCustomerRequest;
import com.cspchannel.client.notification.api.NotificationsApi;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.api.PartnershipsApi;
import com.cspchannel.client.partnership.api.ResellerAssociationsApi;
import com.cspchannel.client.subscription.api.SubscriptionsApi;
import com.cspchannel.infra.CustomerRequests;

import java.util.List;
import java.util.UUID;

/**
 * The clients generated from the services' OpenAPI documents (module api-client), as a user with {@code token}
 * calls the stack's services: what the tests send and read as a client of the API. An answer the document does
 * not describe (a status it does not list, a field it does not name, a wrong type) fails the call, so these
 * tests prove the documents. {@link Answer#attempt} gives any documented status, {@link #ok} insists on a 2xx.
 * {@code HttpApi} remains only where a test sends what no generated client would.
 */
final class Clients {

    private Clients() {
    }

    static String baseUrl(String service) {
        return "http://127.0.0.1:" + SystemStack.get().service(service).port();
    }

    static DirectoryApi directory(String token) {
        return directory(baseUrl("partnership"), token);
    }

    static DirectoryApi directory(String baseUrl, String token) {
        return new DirectoryApi(ApiClients.partnership(baseUrl, token));
    }

    static PartnershipsApi partnerships(String token) {
        return new PartnershipsApi(ApiClients.partnership(baseUrl("partnership"), token));
    }

    static ResellerAssociationsApi associations(String token) {
        return new ResellerAssociationsApi(ApiClients.partnership(baseUrl("partnership"), token));
    }

    static CustomersApi customers(String token) {
        return new CustomersApi(ApiClients.customer(baseUrl("customer"), token));
    }

    static SubscriptionsApi subscriptions(String token) {
        return new SubscriptionsApi(ApiClients.subscription(baseUrl("subscription"), token));
    }

    static NotificationsApi notifications(String token) {
        return new NotificationsApi(ApiClients.notification(baseUrl("notification"), token));
    }

    /** The answer of a call that must succeed; otherwise the test fails with what the service answered. */
    static <T> T ok(Answer.Call<T> call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * A customer for a company with a new domain, associated with {@code reseller} (none when null) and, when
     * {@code pla} is given, with an initial order of 3 seats of {@link CustomerRequests#BASIC} naming that PLA
     * reseller of record: {@link CustomerRequests#newCustomer} as the generated client's model.
     */
    static CreateCustomerRequest newCustomer(UUID reseller, String pla) {
        CreateCustomerRequest customer = new CreateCustomerRequest()
                .companyProfile(new CompanyProfileRequest().companyName("Wingtip")
                        .domain("wingtip" + UUID.randomUUID().toString().substring(0, 8) + ".onmicrosoft.com"))
                .billingProfile(new BillingProfileRequest().firstName("A").lastName("B").email("a@wingtip.example")
                        .culture("en-US").language("en").companyName("Wingtip").defaultAddress(new AddressRequest()
                                .addressLine1("1 Main St").city("Vienna").postalCode("1010").country("AT")))
                .associatedPartnerId(reseller);
        if (pla != null) {
            customer.order(new com.cspchannel.client.customer.model.OrderRequest().lineItems(List.of(
                    new com.cspchannel.client.customer.model.LineItemRequest().offerId(CustomerRequests.BASIC)
                            .quantity(3).partnerIdOnRecord(pla))));
        }
        return customer;
    }

    /** The invitation token at the end of an invitation link. */
    static String invitationToken(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
