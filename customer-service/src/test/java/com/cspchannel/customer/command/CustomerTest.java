package com.cspchannel.customer.command;

import com.cspchannel.customer.command.Commands.AssociateReseller;
import com.cspchannel.customer.command.Commands.CreateCustomer;
import com.cspchannel.customer.command.Commands.GrantTenantOwner;
import com.cspchannel.customer.command.Commands.ResetAdminPassword;
import com.cspchannel.customer.command.Commands.RevokeDelegatedAdmin;
import com.cspchannel.customer.command.Commands.RevokeTenantOwner;
import com.cspchannel.events.customer.AcceptedOrder;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.AdminPasswordReset;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.platform.test.AggregateFixtures;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cspchannel.platform.domain.ViolationMatchers.withCode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

class CustomerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID ANY = UUID.fromString("00000000-0000-4000-8000-000000000000");
    private static final UUID CUSTOMER = UUID.fromString("40000000-0000-4000-8000-000000000004");
    private static final UUID PROVIDER = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_PROVIDER = UUID.fromString("10000000-0000-4000-8000-000000000009");
    private static final UUID FABRIKAM = UUID.fromString("20000000-0000-4000-8000-000000000002");
    private static final UUID NORTHWIND = UUID.fromString("20000000-0000-4000-8000-000000000003");
    private static final String ID = CUSTOMER.toString();
    private static final CompanyProfile COMPANY = new CompanyProfile("Wingtip", "wingtip.onmicrosoft.com");
    private static final BillingProfile BILLING = new BillingProfile("Jane", "Doe", "jane@wingtip.example", "en-US",
            "en", "Wingtip", new Address("1 Main St", null, "Seattle", "WA", "98101", "US"));
    private static final AcceptedOrder ORDER = new AcceptedOrder(UUID.fromString("50000000-0000-4000-8000-000000000005"),
            List.of(new OrderLine(1, "CFQ7TTC0LH18:0001", 10, "5123456")));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = AggregateFixtures.fixture(Customer.class, NOW);
    }

    private static CustomerCreated created(UUID reseller) {
        return new CustomerCreated(ANY, NOW, CUSTOMER, PROVIDER, COMPANY, BILLING, reseller, "admin@wingtip.onmicrosoft.com",
                ORDER, "sales");
    }

    private static DelegatedAdminGranted granted(UUID reseller) {
        return new DelegatedAdminGranted(ANY, NOW, CUSTOMER, PROVIDER, reseller, "sales");
    }

    @Test
    void givenNothing_whenCreatedForAReseller_thenCustomerCreatedWithItsOrderAndTheResellerGetsDelegatedAdmin() {
        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(ID, PROVIDER, COMPANY, BILLING, FABRIKAM, "admin@wingtip.onmicrosoft.com", ORDER,
                        "sales"))
                .expectEvents(created(FABRIKAM), granted(FABRIKAM));
    }

    @Test
    void givenNothing_whenCreatedWithoutAReseller_thenADirectCustomerWithNoDelegation() {
        fixture.givenNoPriorActivity()
                .when(new CreateCustomer(ID, PROVIDER, COMPANY, BILLING, null, "admin@wingtip.onmicrosoft.com", ORDER,
                        "sales"))
                .expectEvents(created(null));
    }

    @Test
    void givenAnAdministeredCustomer_whenAnotherResellerIsAssociated_thenTheFirstLosesAdminAndTenantOwnership() {
        fixture.given(created(FABRIKAM), granted(FABRIKAM),
                        new TenantOwnerGranted(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "sales"))
                .when(new AssociateReseller(ID, null, PROVIDER, NORTHWIND, "admin"))
                .expectEvents(new TenantOwnerRevoked(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "admin"),
                        new DelegatedAdminRevoked(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "admin",
                                "another reseller was associated"),
                        new ResellerAssociated(ANY, NOW, CUSTOMER, PROVIDER, NORTHWIND, FABRIKAM, "admin"),
                        new DelegatedAdminGranted(ANY, NOW, CUSTOMER, PROVIDER, NORTHWIND, "admin"));
    }

    @Test
    void givenADirectCustomer_whenAResellerIsAssociated_thenItGetsDelegatedAdmin() {
        fixture.given(created(null))
                .when(new AssociateReseller(ID, null, PROVIDER, FABRIKAM, "admin"))
                .expectEvents(new ResellerAssociated(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, null, "admin"),
                        new DelegatedAdminGranted(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "admin"));
    }

    @Test
    void givenAnAdministeredCustomer_whenTheSameResellerIsAssociatedAgain_thenNothingHappens() {
        fixture.given(created(FABRIKAM), granted(FABRIKAM))
                .when(new AssociateReseller(ID, null, PROVIDER, FABRIKAM, "admin"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAnotherProvidersCustomer_whenAssociating_thenItDoesNotExistForTheCaller() {
        fixture.given(created(null))
                .when(new AssociateReseller(ID, null, OTHER_PROVIDER, FABRIKAM, "intruder"))
                .expectNoEvents()
                .expectException(withCode("customer-not-found"));
    }

    @Test
    void givenAnAdministeredCustomer_whenDelegatedAdminIsRevoked_thenRevokedWithTheReason() {
        fixture.given(created(FABRIKAM), granted(FABRIKAM))
                .when(new RevokeDelegatedAdmin(ID, null, PROVIDER, "admin", "contract ended"))
                .expectEvents(new DelegatedAdminRevoked(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "admin", "contract ended"));
    }

    @Test
    void givenADirectCustomer_whenRevokingDelegatedAdmin_thenRejected() {
        fixture.given(created(null))
                .when(new RevokeDelegatedAdmin(ID, null, PROVIDER, "admin", null))
                .expectNoEvents()
                .expectException(withCode("no-reseller-associated"));
    }

    @Test
    void givenAnAdministeredCustomer_whenTenantOwnerIsGrantedTwice_thenOneGrant() {
        fixture.given(created(FABRIKAM), granted(FABRIKAM),
                        new TenantOwnerGranted(ANY, NOW, CUSTOMER, PROVIDER, FABRIKAM, "sales"))
                .when(new GrantTenantOwner(ID, PROVIDER, "sales"))
                .expectNoEvents();
    }

    @Test
    void givenADirectCustomer_whenGrantingTenantOwner_thenRejectedForLackOfAReseller() {
        fixture.given(created(null))
                .when(new GrantTenantOwner(ID, PROVIDER, "sales"))
                .expectException(withCode("no-reseller-associated"));
    }

    @Test
    void givenNoGrant_whenRevokingTenantOwner_thenRejected() {
        fixture.given(created(FABRIKAM), granted(FABRIKAM))
                .when(new RevokeTenantOwner(ID, PROVIDER, "sales"))
                .expectException(withCode("no-tenant-owner-grant"));
    }

    @Test
    void givenACustomer_whenTheAdminPasswordIsReset_thenTheEventNamesTheUserAndCarriesNoPassword() {
        fixture.given(created(null))
                .when(new ResetAdminPassword(ID, PROVIDER, "helpdesk"))
                .expectResultMessagePayload("admin@wingtip.onmicrosoft.com")
                .expectEvents(new AdminPasswordReset(ANY, NOW, CUSTOMER, PROVIDER, "admin@wingtip.onmicrosoft.com",
                        "helpdesk"));
    }
}
