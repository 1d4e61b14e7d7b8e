package com.cspchannel.notification;

import com.cspchannel.infra.MailServer;
import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each event type of the catalogue yields exactly the expected messages to exactly the expected recipients, in
 * each recipient's language, and a removed partnership is told to the provider alone.
 */
class NotificationCatalogueIT extends NotificationIntegrationTest {

    static final String BASIC = "CFQ7TTC0LH18:0001";

    @Test
    void everyEventOfTheCatalogueMailsExactlyItsRecipientsInTheirLanguageAndNobodyElse() {
        World world = world();
        UUID customer = UUID.randomUUID();
        UUID directCustomer = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        String billingEmail = "jane-" + world.tag() + "@wingtip.example";
        String directBillingEmail = "joe-" + world.tag() + "@northwind.example";
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));

        // Partnerships and customers: the provider hears of acceptances, the reseller of its new customer (not of the
        // DelegatedAdminGranted that comes with it) and of the subscription bought with it as reseller of record.
        PublicEvent[] first = {accepted(world, world.reseller()), accepted(world, world.other()),
                customerFor(world, world.reseller(), customer, billingEmail),
                customerFor(world, null, directCustomer, directBillingEmail),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customer, world.provider(),
                        world.reseller(), "user-1"),
                new SubscriptionCreated(UUID.randomUUID(), Instant.now(), subscription, UUID.randomUUID(), customer,
                        world.provider(), BASIC, "Microsoft 365 Business Basic", 10, "5" + world.tag(),
                        world.reseller(), "user-1")};
        publish(first);
        awaitSettled(first);

        // Subscriptions: reseller of record moves from the reseller to the other; support contact goes to the
        // other, then to the reseller (the other loses it), then back to the provider (the reseller loses it).
        PublicEvent[] second = {
                new ResellerOfRecordChanged(UUID.randomUUID(), Instant.now(), subscription, customer, world.provider(),
                        "5" + world.tag(), world.reseller(), "7" + world.tag(), world.other(), "user-1"),
                new SupportContactDesignated(UUID.randomUUID(), Instant.now(), subscription, customer,
                        world.provider(), world.other(), "7" + world.tag(), "Tailspin", null, "user-1"),
                new SupportContactDesignated(UUID.randomUUID(), Instant.now(), subscription, customer,
                        world.provider(), world.reseller(), "5" + world.tag(), "Fabrikam", world.other(), "user-1"),
                new SupportContactReset(UUID.randomUUID(), Instant.now(), subscription, customer, world.provider(),
                        world.reseller(), "user-1"),
                new OrderRejected(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), customer, world.provider(),
                        List.of(new RejectionReason("lineItems[0].partnerIdOnRecord", "reseller-not-partnered",
                                "The reseller has no active partnership with you.")), "system")};
        publish(second);
        awaitSettled(second);

        String wingtip = "Wingtip Toys " + world.tag() + " (wingtip" + world.tag() + ".onmicrosoft.com)";
        String basic = "Microsoft 365 Business Basic (" + subscription + ")";
        assertThat(SMTP.to(world.providerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactlyInAnyOrder(
                        tuple("partnership_accepted", "Fabrikam " + world.tag() + " accepted your partnership invitation",
                                "en"),
                        tuple("partnership_accepted", "Tailspin " + world.tag() + " accepted your partnership invitation",
                                "en"),
                        tuple("order_rejected", "Order rejected for " + wingtip, "en"));
        assertThat(SMTP.to(world.resellerEmail())) // German-speaking
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactlyInAnyOrder(
                        tuple("customer_created_for_reseller", "Neuer Kunde zur Verwaltung: Wingtip Toys " + world.tag(),
                                "de"),
                        tuple("reseller_of_record_at_purchase", "Sie sind Reseller of Record für das neue Abonnement "
                                + basic, "de"),
                        tuple("reseller_of_record_lost", "Sie sind nicht mehr Reseller of Record für " + basic, "de"),
                        tuple("support_contact_designated", "Sie sind jetzt Supportkontakt für " + basic, "de"),
                        tuple("support_contact_lost", "Sie sind nicht mehr Supportkontakt für " + basic, "de"));
        assertThat(SMTP.to(world.otherEmail())) // no language known: English
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactlyInAnyOrder(
                        tuple("reseller_of_record_gained", "You are now reseller of record for " + basic, "en"),
                        tuple("support_contact_designated", "You are now the support contact for " + basic, "en"),
                        tuple("support_contact_lost", "You are no longer the support contact for " + basic, "en"));
        assertThat(SMTP.to(billingEmail)).as("customers are never written to").isEmpty();
        assertThat(SMTP.to(directBillingEmail)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from notification where provider_tenant_id = ?", Long.class,
                world.provider())).as("nothing else was even recorded").isEqualTo(11);

        // The texts say what happened, with names rather than ids, and never a credential.
        MailServer.Mail rejected = only(world.providerEmail(), "order_rejected");
        assertThat(rejected.body()).startsWith("Hello Contoso " + world.tag() + ",")
                .contains("- The reseller has no active partnership with you. (reseller-not-partnered, "
                        + "lineItems[0].partnerIdOnRecord)");
        assertThat(rejected.from()).isEqualTo("no-reply@csp-channel.local");
        MailServer.Mail newCustomer = only(world.resellerEmail(), "customer_created_for_reseller");
        assertThat(newCustomer.body()).contains("Contoso " + world.tag() + " hat am")
                .contains("den Kunden Wingtip Toys " + world.tag() + " (wingtip" + world.tag() + ".onmicrosoft.com)")
                .doesNotContain("admin@wingtip").doesNotContainIgnoringCase("passwor");
        assertThat(only(world.otherEmail(), "reseller_of_record_gained").body())
                .contains("named you reseller of record (PartnerID 7" + world.tag() + ") of the subscription " + basic
                        + " of the customer " + wingtip);
    }

    @Test
    void aRemovedPartnershipIsToldToTheProviderOnlyWithItsDutyOfNoticeAndNothingGoesToTheResellerOrItsCustomers() {
        World world = world();
        UUID customer = UUID.randomUUID();
        String billingEmail = "jane-" + world.tag() + "@wingtip.example";
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        PublicEvent[] before = {accepted(world, world.reseller()), customerFor(world, world.reseller(), customer,
                billingEmail)};
        publish(before);
        awaitSettled(before);
        int resellerMailsBefore = SMTP.to(world.resellerEmail()).size();
        assertThat(resellerMailsBefore).isEqualTo(1); // the new customer

        PartnershipRemoved removed = new PartnershipRemoved(UUID.randomUUID(), Instant.now(), world.provider(),
                world.reseller(), "user-1", "contract ended", true, "attested in good faith");
        publish(removed);
        awaitSettled(removed);

        assertThat(notificationsOf(removed)).as("one notification for the removal: the provider's").isEqualTo(1);
        MailServer.Mail mail = only(world.providerEmail(), "partnership_removed");
        assertThat(mail.subject()).isEqualTo("Partnership with Fabrikam " + world.tag() + " removed: no notice was sent");
        assertThat(mail.body()).contains("CSP Channel sent no notice of this removal to Fabrikam " + world.tag()
                        + " or to its customers")
                .contains("giving legal notice to the reseller and its customers is your own duty")
                .contains("Reason you gave: contract ended");
        assertThat(SMTP.to(world.resellerEmail())).hasSize(resellerMailsBefore);
        assertThat(SMTP.to(billingEmail)).isEmpty();
    }
}
