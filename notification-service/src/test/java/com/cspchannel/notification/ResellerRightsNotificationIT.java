package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.infra.MailServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The notifications of a reseller's rights: named reseller of record at purchase, associated with an existing
 * customer, tenant owner granted or revoked, delegated administration revoked. Each reaches exactly the reseller
 * concerned, in its language (Fabrikam prefers German, Tailspin gives none: English), and nobody else: not the
 * provider, not the other reseller, never the customer. Events are published as customer-service and
 * subscription-service publish them, in the order their aggregates apply them.
 */
class ResellerRightsNotificationIT extends NotificationIntegrationTest {

    static final String BASIC = "CFQ7TTC0LH18:0001";

    @Test
    void aResellerNamedResellerOfRecordAtPurchaseIsToldInItsLanguageAndASubscriptionWithoutOneTellsNobody() {
        World world = world();
        Customer customer = directCustomer(world);
        UUID forFabrikam = UUID.randomUUID();
        UUID forNobody = UUID.randomUUID();
        UUID forTailspin = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        PublicEvent[] purchase = {
                created(world, customer, forFabrikam, order, 10, "5" + world.tag(), world.reseller()),
                created(world, customer, forNobody, order, 3, null, null),
                created(world, customer, forTailspin, order, 25, "7" + world.tag(), world.other())};
        publish(purchase);
        awaitSettled(purchase);

        String basic = "Microsoft 365 Business Basic (";
        assertThat(SMTP.to(world.resellerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reseller_of_record_at_purchase",
                        "Sie sind Reseller of Record für das neue Abonnement " + basic + forFabrikam + ")", "de"));
        assertThat(SMTP.to(world.otherEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reseller_of_record_at_purchase",
                        "You are reseller of record for the new subscription " + basic + forTailspin + ")", "en"));
        assertThat(only(world.otherEmail(), "reseller_of_record_at_purchase").body())
                .startsWith("Hello Tailspin " + world.tag() + ",")
                .contains("Contoso " + world.tag() + " bought the subscription " + basic + forTailspin
                        + ") (25 licenses) for the customer " + customer.label() + " on ")
                .contains("named you its reseller of record (PartnerID 7" + world.tag() + ")");
        assertThat(only(world.resellerEmail(), "reseller_of_record_at_purchase").body())
                .contains("(10 Lizenzen)").contains("PartnerID 5" + world.tag());
        assertNobodyElse(world, customer);
        assertThat(notificationsOf(purchase[1])).as("no reseller of record: nobody to tell").isZero();
        assertThat(recordedFor(world)).isEqualTo(2);
    }

    @Test
    void aResellerAssociatedWithAnExistingCustomerIsToldOnceAndTheResellerItReplacedHearsOfItsRevocationOnce() {
        World world = world();
        Customer customer = directCustomer(world);

        // The provider's direct customer is associated with Tailspin...
        PublicEvent[] first = {
                new ResellerAssociated(UUID.randomUUID(), Instant.now(), customer.id(), world.provider(), world.other(),
                        null, "user-1"),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customer.id(), world.provider(),
                        world.other(), "user-1")};
        publish(first);
        awaitSettled(first);
        // ...then with Fabrikam instead: customer-service revokes Tailspin's administration, then associates Fabrikam.
        PublicEvent[] replaced = {
                new DelegatedAdminRevoked(UUID.randomUUID(), Instant.now(), customer.id(), world.provider(),
                        world.other(), "user-1", "another reseller was associated"),
                new ResellerAssociated(UUID.randomUUID(), Instant.now(), customer.id(), world.provider(),
                        world.reseller(), world.other(), "user-1"),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customer.id(), world.provider(),
                        world.reseller(), "user-1")};
        publish(replaced);
        awaitSettled(replaced);

        assertThat(SMTP.to(world.otherEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(
                        tuple("reseller_associated", "Customer to administer: " + customer.label(), "en"),
                        tuple("delegated_admin_revoked", "You no longer administer " + customer.label(), "en"));
        assertThat(SMTP.to(world.resellerEmail())).as("the new reseller: one message for the replacement")
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reseller_associated", "Kunde zur Verwaltung: " + customer.label(), "de"));
        assertThat(only(world.resellerEmail(), "reseller_associated").body())
                .startsWith("Guten Tag Fabrikam " + world.tag() + ",")
                .contains("Contoso " + world.tag() + " hat Sie am")
                .contains("seinem bestehenden Kunden " + customer.label() + " zugeordnet")
                .doesNotContain("Tailspin").doesNotContain("admin@wingtip").doesNotContainIgnoringCase("passwor");
        assertThat(only(world.otherEmail(), "delegated_admin_revoked").body())
                .contains("Contoso " + world.tag() + " ended your delegated administration of the customer "
                        + customer.label())
                .contains("Reason given: another reseller was associated").doesNotContain("Fabrikam");
        assertNobodyElse(world, customer);
        assertThat(recordedFor(world)).isEqualTo(3);
    }

    @Test
    void aTenantOwnerGrantAndItsRevocationAreEachToldToTheResellerOnly() {
        World world = world();
        UUID customerId = UUID.randomUUID();
        Customer customer = new Customer(customerId, "jane-" + world.tag() + "@wingtip.example", world.tag());
        PublicEvent[] created = {customerFor(world, world.reseller(), customerId, customer.billingEmail()),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customerId, world.provider(),
                        world.reseller(), "user-1")};
        publishProfilesThen(world, created);

        PublicEvent[] grant = {new TenantOwnerGranted(UUID.randomUUID(), Instant.now(), customerId, world.provider(),
                world.reseller(), "user-1")};
        publish(grant);
        awaitSettled(grant);
        PublicEvent[] revoke = {new TenantOwnerRevoked(UUID.randomUUID(), Instant.now(), customerId, world.provider(),
                world.reseller(), "user-1")};
        publish(revoke);
        awaitSettled(revoke);

        assertThat(SMTP.to(world.resellerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(
                        tuple("customer_created_for_reseller", "Neuer Kunde zur Verwaltung: Wingtip Toys "
                                + world.tag(), "de"),
                        tuple("tenant_owner_granted", "Tenant-Owner-Rechte für " + customer.label() + " erteilt", "de"),
                        tuple("tenant_owner_revoked", "Tenant-Owner-Rechte für " + customer.label() + " entzogen",
                                "de"));
        assertThat(only(world.resellerEmail(), "tenant_owner_granted").body())
                .contains("Contoso " + world.tag() + " hat Ihnen am")
                .contains("Tenant-Owner-Rechte für den Azure-Tenant des Kunden " + customer.label() + " erteilt");
        assertThat(SMTP.to(world.otherEmail())).isEmpty();
        assertNobodyElse(world, customer);
        assertThat(notificationsOf(grant[0])).isEqualTo(1);
        assertThat(notificationsOf(revoke[0])).isEqualTo(1);
    }

    @Test
    void aRevokedDelegatedAdministrationIsToldToTheResellerOnlyAndItsTenantOwnerGrantEndsInAMessageOfItsOwn() {
        World world = world();
        UUID customerId = UUID.randomUUID();
        Customer customer = new Customer(customerId, "jane-" + world.tag() + "@wingtip.example", world.tag());
        PublicEvent[] before = {customerFor(world, world.other(), customerId, customer.billingEmail()),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customerId, world.provider(),
                        world.other(), "user-1"),
                new TenantOwnerGranted(UUID.randomUUID(), Instant.now(), customerId, world.provider(), world.other(),
                        "user-1")};
        publishProfilesThen(world, before);
        int mailsBefore = SMTP.to(world.otherEmail()).size();
        assertThat(mailsBefore).isEqualTo(2); // the new customer, the grant

        // RevokeDelegatedAdmin without a reason, for a reseller that is also tenant owner: customer-service revokes
        // the grant first, then the administration (Customer.revokeAll).
        PublicEvent[] revoke = {
                new TenantOwnerRevoked(UUID.randomUUID(), Instant.now(), customerId, world.provider(), world.other(),
                        "user-1"),
                new DelegatedAdminRevoked(UUID.randomUUID(), Instant.now(), customerId, world.provider(), world.other(),
                        "user-1", null)};
        publish(revoke);
        awaitSettled(revoke);

        assertThat(SMTP.to(world.otherEmail()).subList(mailsBefore, SMTP.to(world.otherEmail()).size()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactlyInAnyOrder(
                        tuple("tenant_owner_revoked", "Tenant-owner rights revoked for " + customer.label(), "en"),
                        tuple("delegated_admin_revoked", "You no longer administer " + customer.label(), "en"));
        assertThat(only(world.otherEmail(), "delegated_admin_revoked").body())
                .startsWith("Hello Tailspin " + world.tag() + ",")
                .contains("Reason given: none given\n")
                .contains("If you held tenant-owner rights on the customer's Azure tenant, they ended with it");
        assertThat(SMTP.to(world.resellerEmail())).isEmpty();
        assertNobodyElse(world, customer);
        assertThat(notificationsOf(revoke[1])).isEqualTo(1);
    }

    /** A customer of the world: its id, its billing contact's address (never written to) and its name in messages. */
    record Customer(UUID id, String billingEmail, String tag) {
        String label() {
            return "Wingtip Toys " + tag + " (wingtip" + tag + ".onmicrosoft.com)";
        }
    }

    /** The world's profiles and a direct customer of its provider (which notifies nobody), all consumed. */
    private Customer directCustomer(World world) {
        Customer customer = new Customer(UUID.randomUUID(), "jane-" + world.tag() + "@wingtip.example", world.tag());
        publishProfilesThen(world, customerFor(world, null, customer.id(), customer.billingEmail()));
        assertThat(recordedFor(world)).isZero();
        return customer;
    }

    /** Publishes the world's profiles, then these events once the profiles are read, and waits for their mail. */
    private void publishProfilesThen(World world, PublicEvent... events) {
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));
        publish(events);
        awaitSettled(events);
    }

    private SubscriptionCreated created(World world, Customer customer, UUID subscription, UUID order, int quantity,
                                        String partnerId, UUID resellerOfRecord) {
        return new SubscriptionCreated(UUID.randomUUID(), Instant.now(), subscription, order, customer.id(),
                world.provider(), BASIC, "Microsoft 365 Business Basic", quantity, partnerId, resellerOfRecord,
                "user-1");
    }

    /** Nothing to the provider (none of these is its news) and nothing, ever, to the customer. */
    private void assertNobodyElse(World world, Customer customer) {
        assertThat(SMTP.to(world.providerEmail())).as("the provider").isEmpty();
        assertThat(SMTP.to(customer.billingEmail())).as("customers are never written to").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_tenant_id = ?", Long.class,
                customer.id())).isZero();
    }

    private long recordedFor(World world) {
        return jdbc.queryForObject("select count(*) from notification where provider_tenant_id = ?", Long.class,
                world.provider());
    }
}
