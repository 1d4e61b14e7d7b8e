package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.infra.MailServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A reseller's ineligibility report (partnership-service's ResellerIneligibilityReported) is one message to the
 * provider, in its language, listing exactly the customers and subscriptions the report names (by name where this
 * service knows them, by id otherwise), each subscription with the roles naming the reseller; nobody else hears
 * of it: not the reseller, not another one, never a customer.
 */
class IneligibilityNotificationIT extends NotificationIntegrationTest {

    @Test
    void theProviderAloneGetsOneMessageListingExactlyTheAffectedCustomersAndSubscriptionsWithTheirRoles() {
        World world = world();
        UUID wingtip = UUID.randomUUID();
        UUID unknownCustomer = UUID.randomUUID(); // never read here: named by its id
        UUID basic = UUID.randomUUID();
        UUID unknownSubscription = UUID.randomUUID();
        UUID notAffected = UUID.randomUUID();
        String billingEmail = "jane-" + world.tag() + "@wingtip.example";
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));
        // what this service reads of the customer and its subscriptions (none of which notifies anybody)
        PublicEvent[] known = {customerFor(world, null, wingtip, billingEmail),
                subscription(world, wingtip, basic), subscription(world, wingtip, notAffected)};
        publish(known);
        awaitSettled(known);

        ResellerIneligibilityReported report = new ResellerIneligibilityReported(UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), world.provider(), world.reseller(), "mpa_lapsed", "Europe",
                Instant.parse("2026-03-01T10:15:30Z"),
                List.of(new AffectedCustomer(wingtip), new AffectedCustomer(unknownCustomer)),
                List.of(new AffectedSubscription(basic, wingtip, true, false),
                        new AffectedSubscription(unknownSubscription, unknownCustomer, true, true)));
        publish(report);
        awaitSettled(report);

        assertThat(SMTP.to(world.providerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reseller_ineligible", "Fabrikam " + world.tag()
                        + " is no longer eligible: what still names it", "en"));
        String body = only(world.providerEmail(), "reseller_ineligible").body();
        String wingtipLabel = "Wingtip Toys " + world.tag() + " (wingtip" + world.tag() + ".onmicrosoft.com)";
        assertThat(body).startsWith("Hello Contoso " + world.tag() + ",")
                .contains("Fabrikam " + world.tag() + " can no longer transact with you since 2026-03-01 10:15 UTC: "
                        + "its Microsoft Partner Agreement no longer covers the CSP region Europe.");
        assertThat(listUnder(body, "Customers it administers for you (delegated administration): 2"))
                .containsExactly("- " + wingtipLabel, "- " + unknownCustomer);
        assertThat(listUnder(body, "Subscriptions naming it as reseller of record or support contact: 2"))
                .containsExactly(
                        "- Microsoft 365 Business Basic (" + basic + "), customer " + wingtipLabel
                                + ": reseller of record",
                        "- " + unknownSubscription + ", customer " + unknownCustomer
                                + ": reseller of record, support contact");
        assertThat(body).doesNotContain(notAffected.toString())
                .contains("Nothing was changed automatically: removing a partnership, a suspension or a lapsed MPA "
                        + "cascades to nothing.")
                .contains("start with the reseller reassignment dry run: "
                        + "POST /api/v1/reseller-reassignments/dry-run on partnership-service, with " + world.reseller() + " as sourceResellerTenantId");

        assertThat(notificationsOf(report)).as("one notification for the report").isEqualTo(1);
        assertThat(SMTP.to(world.resellerEmail())).as("the ineligible reseller").isEmpty();
        assertThat(SMTP.to(world.otherEmail())).as("another reseller").isEmpty();
        assertThat(SMTP.to(billingEmail)).as("customers are never written to").isEmpty();
    }

    @Test
    void aRemovalThatLeftNothingNamingTheResellerIsStillReportedOnceInTheProvidersLanguage() {
        World world = world();
        List<PublicEvent> profiles = new ArrayList<>(profiles(world));
        profiles.set(0, providerProfile(world, "de-DE"));
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));

        ResellerIneligibilityReported report = new ResellerIneligibilityReported(UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), world.provider(), world.other(), "partnership_removed", null,
                Instant.parse("2026-03-01T10:15:30Z"), List.of(), List.of());
        publish(2, report); // delivered twice: still one message
        awaitSettled(report);

        assertThat(SMTP.to(world.providerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reseller_ineligible", "Tailspin " + world.tag()
                        + " ist nicht mehr berechtigt: was ihn noch nennt", "de"));
        String body = only(world.providerEmail(), "reseller_ineligible").body();
        assertThat(body).contains("seit 2026-03-01 10:15 UTC keine Transaktionen mehr mit Ihnen abschließen: Sie "
                + "haben Ihre Partnerschaft mit ihm beendet.");
        assertThat(listUnder(body, "Kunden, die er für Sie verwaltet (delegierte Administration): 0"))
                .containsExactly("- keine");
        assertThat(listUnder(body, "Abonnements, die ihn als Reseller of Record oder Supportkontakt nennen: 0"))
                .containsExactly("- keine");
        assertThat(SMTP.to(world.otherEmail())).isEmpty();
        assertThat(SMTP.to(world.resellerEmail())).isEmpty();
    }

    /** The lines of the list that follows {@code heading}, up to the empty line that ends it. */
    private static List<String> listUnder(String body, String heading) {
        List<String> lines = Arrays.asList(body.split("\n", -1));
        int start = lines.indexOf(heading);
        assertThat(start).as("heading '%s' in:%n%s", heading, body).isNotNegative();
        List<String> items = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            items.add(lines.get(i));
        }
        return items;
    }

    private static SubscriptionCreated subscription(World world, UUID customer, UUID subscription) {
        return new SubscriptionCreated(UUID.randomUUID(), Instant.now(), subscription, UUID.randomUUID(), customer,
                world.provider(), "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 5, null, null, "user-1");
    }
}
