package com.cspchannel.subscription.command;

import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.OrderPlaced;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SubscriptionQuantityChanged;
import com.cspchannel.events.subscription.SubscriptionUpgraded;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import com.cspchannel.platform.test.AggregateFixtures;
import com.cspchannel.subscription.command.Commands.ChangeQuantity;
import com.cspchannel.subscription.command.Commands.ChangeResellerOfRecord;
import com.cspchannel.subscription.command.Commands.DesignateSupportContact;
import com.cspchannel.subscription.command.Commands.PlaceOrder;
import com.cspchannel.subscription.command.Commands.ResetSupportContact;
import com.cspchannel.subscription.command.Commands.Upgrade;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import static com.cspchannel.platform.domain.ViolationMatchers.withCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

class SubscriptionTest {

    private static final Instant PURCHASED = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID ANY = UUID.fromString("00000000-0000-4000-8000-000000000000");
    private static final UUID SUB = UUID.fromString("60000000-0000-4000-8000-000000000006");
    private static final UUID ORDER = UUID.fromString("50000000-0000-4000-8000-000000000005");
    private static final UUID CUSTOMER = UUID.fromString("40000000-0000-4000-8000-000000000004");
    private static final UUID PROVIDER = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final UUID FABRIKAM = UUID.fromString("20000000-0000-4000-8000-000000000002");
    private static final UUID NORTHWIND = UUID.fromString("20000000-0000-4000-8000-000000000003");
    private static final String BASIC = "CFQ7TTC0LH18:0001";
    private static final String STANDARD = "CFQ7TTC0LDPB:0001";
    private static final Duration WEEK = Duration.ofDays(7);

    private static AggregateTestFixture<Subscription> at(Instant now) {
        return AggregateFixtures.fixture(Subscription.class, now);
    }

    private static SubscriptionCreated created(String partnerId, UUID reseller) {
        return new SubscriptionCreated(ANY, PURCHASED, SUB, ORDER, CUSTOMER, PROVIDER, BASIC,
                "Microsoft 365 Business Basic", 10, partnerId, reseller, "sales");
    }

    @Test
    void givenAnOrder_whenPlaced_thenOneSubscriptionPerLineWithItsResellerOfRecord() {
        AggregateTestFixture<Order> fixture = AggregateFixtures.fixture(Order.class, PURCHASED);
        List<OrderLine> lines = List.of(new OrderLine(1, BASIC, 10, "5123456", FABRIKAM),
                new OrderLine(2, "DZH318Z0BPS6:0001", 1, null, null));
        fixture.registerAggregateFactory(new org.axonframework.eventsourcing.GenericAggregateFactory<>(Order.class));
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER.toString(), CUSTOMER, PROVIDER, lines, "api", "sales"))
                .expectEvents(new OrderPlaced(ANY, PURCHASED, ORDER, CUSTOMER, PROVIDER, lines, "api", "sales"),
                        new SubscriptionCreated(ANY, PURCHASED, Order.subscriptionIdOf(ORDER, 1), ORDER, CUSTOMER,
                                PROVIDER, BASIC, "Microsoft 365 Business Basic", 10, "5123456", FABRIKAM, "sales"),
                        new SubscriptionCreated(ANY, PURCHASED, Order.subscriptionIdOf(ORDER, 2), ORDER, CUSTOMER,
                                PROVIDER, "DZH318Z0BPS6:0001", "Azure plan", 1, null, null, "sales"));
    }

    @Test
    void givenASubscription_whenMoreLicensesAreBoughtLater_thenQuantityChanged() {
        at(PURCHASED.plus(Duration.ofDays(30))).given(created(null, null))
                .when(new ChangeQuantity(SUB.toString(), null, PROVIDER, 25, WEEK, "sales"))
                .expectEvents(new SubscriptionQuantityChanged(ANY, PURCHASED.plus(Duration.ofDays(30)), SUB, CUSTOMER,
                        PROVIDER, 10, 25, "sales"));
    }

    @Test
    void givenASubscriptionBoughtThreeDaysAgo_whenLicensesAreReduced_thenQuantityChanged() {
        at(PURCHASED.plus(Duration.ofDays(3))).given(created(null, null))
                .when(new ChangeQuantity(SUB.toString(), null, PROVIDER, 4, WEEK, "sales"))
                .expectEvents(new SubscriptionQuantityChanged(ANY, PURCHASED.plus(Duration.ofDays(3)), SUB, CUSTOMER,
                        PROVIDER, 10, 4, "sales"));
    }

    @Test
    void givenASubscriptionBoughtEightDaysAgo_whenLicensesAreReduced_thenRejectedByTheNewCommerceRule() {
        at(PURCHASED.plus(Duration.ofDays(8))).given(created(null, null))
                .when(new ChangeQuantity(SUB.toString(), null, PROVIDER, 4, WEEK, "sales"))
                .expectNoEvents()
                .expectException(withCode("decrease-window-closed"));
    }

    @Test
    void givenASubscription_whenTheQuantityLeavesTheOffersRange_thenRejected() {
        at(PURCHASED).given(created(null, null))
                .when(new ChangeQuantity(SUB.toString(), null, PROVIDER, 301, WEEK, "sales"))
                .expectException(withCode("quantity-out-of-range"));
    }

    @Test
    void givenASubscription_whenUpgradedToAnAllowedOffer_thenItKeepsItsLicenses() {
        at(PURCHASED).given(created(null, null))
                .when(new Upgrade(SUB.toString(), null, PROVIDER, STANDARD, null, "sales"))
                .expectEvents(new SubscriptionUpgraded(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER, BASIC, STANDARD, 10,
                        "sales"));
    }

    @Test
    void givenASubscription_whenUpgradedToAnOfferNotAmongItsTargets_thenRejected() {
        at(PURCHASED).given(created(null, null))
                .when(new Upgrade(SUB.toString(), null, PROVIDER, "DZH318Z0BPS6:0001", null, "sales"))
                .expectException(withCode("upgrade-not-allowed"));
    }

    @Test
    void givenAResellerOfRecord_whenAnotherIsNamed_thenTheChangeRecordsFromAndTo() {
        at(PURCHASED).given(created("5123456", FABRIKAM))
                .when(new ChangeResellerOfRecord(SUB.toString(), null, PROVIDER, "5234567", NORTHWIND, "sales"))
                .expectEvents(new ResellerOfRecordChanged(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER, "5123456", FABRIKAM,
                        "5234567", NORTHWIND, "sales"));
    }

    @Test
    void givenAResellerOfRecord_whenCleared_thenNoResellerGetsCredit() {
        at(PURCHASED).given(created("5123456", FABRIKAM))
                .when(new ChangeResellerOfRecord(SUB.toString(), null, PROVIDER, null, null, "sales"))
                .expectEvents(new ResellerOfRecordChanged(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER, "5123456", FABRIKAM,
                        null, null, "sales"));
    }

    @Test
    void givenTheProviderAsSupportContact_whenAResellerIsDesignatedAndReset_thenSupportReturnsToTheProvider() {
        at(PURCHASED).given(created(null, null))
                .when(new DesignateSupportContact(SUB.toString(), null, PROVIDER, FABRIKAM, "5123456", "Fabrikam",
                        "helpdesk"))
                .expectEvents(new SupportContactDesignated(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER, FABRIKAM, "5123456",
                        "Fabrikam", null, "helpdesk"));
        at(PURCHASED).given(created(null, null), new SupportContactDesignated(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER,
                        FABRIKAM, "5123456", "Fabrikam", null, "helpdesk"))
                .when(new ResetSupportContact(SUB.toString(), null, PROVIDER, "helpdesk"))
                .expectEvents(new SupportContactReset(ANY, PURCHASED, SUB, CUSTOMER, PROVIDER, FABRIKAM, "helpdesk"));
    }

    @Test
    void givenTheProviderAsSupportContact_whenReset_thenNothingHappens() {
        at(PURCHASED).given(created(null, null))
                .when(new ResetSupportContact(SUB.toString(), null, PROVIDER, "helpdesk"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAnotherProvidersSubscription_whenChanged_thenItDoesNotExistForTheCaller() {
        at(PURCHASED).given(created(null, null))
                .when(new ChangeQuantity(SUB.toString(), null, UUID.randomUUID(), 12, WEEK, "intruder"))
                .expectNoEvents()
                .expectException(withCode("subscription-not-found"));
    }
}
