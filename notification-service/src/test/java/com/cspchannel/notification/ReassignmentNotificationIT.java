package com.cspchannel.notification;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.DelegatedAdminGranted;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.infra.MailServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A bulk reassignment moves each item with the ordinary events of that change, which the relay marks with the job's
 * id (ce_reassignmentjobid). Those notify nobody; the job's ReassignmentCompleted is one summary to the source
 * reseller (Fabrikam, German) and one to the target (Tailspin, English), never to the provider or a customer. The
 * same events without the mark are single changes and notify per item as before.
 */
class ReassignmentNotificationIT extends NotificationIntegrationTest {

    @Test
    void aJobsMovesNotifyNobodyAndItsCompletionSendsOneSummaryToEachResellerWhileSingleChangesStillNotify() {
        World world = world();
        UUID source = world.reseller();
        UUID target = world.other();
        UUID customer = UUID.randomUUID();
        String billingEmail = "jane-" + world.tag() + "@wingtip.example";
        List<PublicEvent> profiles = profiles(world);
        publish(profiles.toArray(PublicEvent[]::new));
        awaitConsumed(profiles.toArray(PublicEvent[]::new));
        PublicEvent[] direct = {customerFor(world, null, customer, billingEmail)};
        publish(direct);
        awaitSettled(direct);

        // The job moves one customer (administration and tenant-owner grant) and one subscription (reseller of
        // record and support contact) from Fabrikam to Tailspin, as customer- and subscription-service publish it.
        UUID job = UUID.randomUUID();
        PublicEvent[] moves = moves(world, customer, UUID.randomUUID(), source, target);
        TestEvents.publishInJob(job, moves);
        awaitSettled(moves);
        assertThat(List.of(moves)).allSatisfy(move -> assertThat(notificationsOf(move))
                .as("%s of the job", move.getClass().getSimpleName()).isZero());

        ReassignmentCompleted completed = new ReassignmentCompleted(UUID.randomUUID(), Instant.now(), job,
                world.provider(), source, target, new ReassignmentCounts(1, 1, 1, 1), 0, 2);
        publish(2, completed); // delivered twice, still one summary each
        awaitSettled(completed);

        assertThat(SMTP.to(world.resellerEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reassignment_lost", "Contoso " + world.tag()
                        + " hat Kunden und Abonnements von Ihnen einem anderen Reseller zugewiesen", "de"));
        assertThat(only(world.resellerEmail(), "reassignment_lost").body())
                .startsWith("Guten Tag Fabrikam " + world.tag() + ",")
                .contains("- Kunden, die Sie verwaltet haben (delegierte Administration): 1")
                .contains("- Abonnements, deren Supportkontakt Sie waren: 1")
                .contains("bei Ihnen bleiben, bis Contoso " + world.tag() + " sie ändert: 2")
                .contains(job.toString()).doesNotContain("Tailspin");
        assertThat(SMTP.to(world.otherEmail()))
                .extracting(MailServer.Mail::notificationType, MailServer.Mail::subject, MailServer.Mail::language)
                .containsExactly(tuple("reassignment_gained", "Contoso " + world.tag()
                        + " moved customers and subscriptions to you", "en"));
        assertThat(only(world.otherEmail(), "reassignment_gained").body())
                .startsWith("Hello Tailspin " + world.tag() + ",")
                .contains("- customers you now administer (delegated administration): 1")
                .contains("- tenant-owner rights on customers' Azure tenants: 1")
                .contains("- subscriptions you are now reseller of record for: 1")
                .contains(job.toString()).doesNotContain("Fabrikam");
        assertThat(notificationsOf(completed)).isEqualTo(2);

        // A job that moved nothing (all refused) tells neither reseller: nothing changed for them.
        PublicEvent nothingMoved = new ReassignmentCompleted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                world.provider(), source, target, new ReassignmentCounts(0, 0, 0, 0), 0, 4);
        publish(nothingMoved);
        awaitSettled(nothingMoved);
        assertThat(notificationsOf(nothingMoved)).isZero();

        // The same kinds of events without a job are single changes: one message per item, as before.
        UUID otherCustomer = UUID.randomUUID();
        PublicEvent[] single = moves(world, otherCustomer, UUID.randomUUID(), source, target);
        publish(single);
        awaitSettled(single);
        // (the customer's and the subscription's events are on different partitions: in any order)
        assertThat(SMTP.to(world.resellerEmail())).extracting(MailServer.Mail::notificationType)
                .containsExactlyInAnyOrder("reassignment_lost", "tenant_owner_revoked", "delegated_admin_revoked",
                        "reseller_of_record_lost", "support_contact_lost");
        assertThat(SMTP.to(world.otherEmail())).extracting(MailServer.Mail::notificationType)
                .containsExactlyInAnyOrder("reassignment_gained", "reseller_associated", "tenant_owner_granted",
                        "reseller_of_record_gained", "support_contact_designated");

        assertThat(SMTP.to(world.providerEmail())).as("the provider follows its job on the job endpoint").isEmpty();
        assertThat(SMTP.to(billingEmail)).as("customers are never written to").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from notification where provider_tenant_id = ?", Long.class,
                world.provider())).isEqualTo(2 + 8);
    }

    /**
     * What moving one customer and one of its subscriptions from {@code source} to {@code target} publishes, in
     * the order customer-service and subscription-service apply it (AssociateReseller replacing the source, then
     * GrantTenantOwner; ChangeResellerOfRecord, then DesignateSupportContact).
     */
    private PublicEvent[] moves(World world, UUID customer, UUID subscription, UUID source, UUID target) {
        UUID provider = world.provider();
        String partnerId = "7" + world.tag();
        return new PublicEvent[]{
                new TenantOwnerRevoked(UUID.randomUUID(), Instant.now(), customer, provider, source, "agent"),
                new DelegatedAdminRevoked(UUID.randomUUID(), Instant.now(), customer, provider, source, "agent",
                        "another reseller was associated"),
                new ResellerAssociated(UUID.randomUUID(), Instant.now(), customer, provider, target, source, "agent"),
                new DelegatedAdminGranted(UUID.randomUUID(), Instant.now(), customer, provider, target, "agent"),
                new TenantOwnerGranted(UUID.randomUUID(), Instant.now(), customer, provider, target, "agent"),
                new ResellerOfRecordChanged(UUID.randomUUID(), Instant.now(), subscription, customer, provider,
                        "5" + world.tag(), source, partnerId, target, "agent"),
                new SupportContactDesignated(UUID.randomUUID(), Instant.now(), subscription, customer, provider, target,
                        partnerId, "Tailspin " + world.tag(), source, "agent")};
    }
}
