package com.cspchannel.notification.catalogue;

import com.cspchannel.events.PublicEvent;
import com.cspchannel.events.customer.Address;
import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.events.customer.CompanyProfile;
import com.cspchannel.events.customer.CustomerCreated;
import com.cspchannel.events.customer.DelegatedAdminRevoked;
import com.cspchannel.events.customer.ResellerAssociated;
import com.cspchannel.events.customer.TenantOwnerGranted;
import com.cspchannel.events.customer.TenantOwnerRevoked;
import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;
import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ReassignmentCompleted;
import com.cspchannel.events.partnership.ReassignmentCounts;
import com.cspchannel.events.partnership.ResellerIneligibilityReported;
import com.cspchannel.events.subscription.OrderRejected;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.events.subscription.ResellerOfRecordChanged;
import com.cspchannel.events.subscription.SubscriptionCreated;
import com.cspchannel.events.subscription.SupportContactDesignated;
import com.cspchannel.events.subscription.SupportContactReset;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every type has an English and a German message, and each renders completely from what its event gives. */
class TemplatesTest {

    static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    final Templates templates = Templates.load();
    final UUID provider = UUID.randomUUID();
    final UUID reseller = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final UUID customer = UUID.randomUUID();
    final UUID subscription = UUID.randomUUID();

    final Templates.Names names = new Templates.Names() {
        @Override
        public String provider(UUID tenantId) {
            return "Contoso Distribution";
        }

        @Override
        public String reseller(UUID tenantId) {
            return "Fabrikam Reseller";
        }

        @Override
        public String customer(UUID customerId) {
            return "Wingtip Toys (wingtip.onmicrosoft.com)";
        }

        @Override
        public String subscription(UUID subscriptionId) {
            return "Microsoft 365 Business Basic (" + subscriptionId + ")";
        }
    };

    @Test
    void everyTypeRendersInEveryLanguageWithNoPlaceholderLeft() {
        Set<NotificationType> covered = EnumSet.noneOf(NotificationType.class);
        for (PublicEvent event : oneEventOfEachKind()) {
            for (NotificationIntent intent : NotificationRules.intentsFor(event)) {
                covered.add(intent.type());
                for (String language : Templates.LANGUAGES) {
                    Templates.Message message = templates.render(intent.type(), language, "Recipient Ltd",
                            intent.facts(), names);
                    assertThat(message.subject()).isNotBlank().doesNotContain("{").doesNotContain("\n");
                    assertThat(message.body()).contains("Recipient Ltd").doesNotContain("{").doesNotContain("}");
                    assertThat(message.language()).isEqualTo(language);
                }
            }
        }
        assertThat(covered).containsExactlyInAnyOrder(NotificationType.values());
    }

    @Test
    void theRemovalMessageRemindsTheProviderThatNoNoticeWasSentAndLegalNoticeIsItsDuty() {
        NotificationIntent intent = NotificationRules.intentsFor(new PartnershipRemoved(UUID.randomUUID(), AT, provider,
                reseller, "admin", "contract ended", true, "attested")).get(0);
        Templates.Message en = templates.render(intent.type(), "en", "Contoso", intent.facts(), names);
        assertThat(en.subject()).isEqualTo("Partnership with Fabrikam Reseller removed: no notice was sent");
        assertThat(en.body()).contains("sent no notice of this removal to Fabrikam Reseller or to its customers")
                .contains("giving legal notice to the reseller and its customers is your own duty")
                .contains("Reason you gave: contract ended");
        Templates.Message de = templates.render(intent.type(), "de", "Contoso", intent.facts(), names);
        assertThat(de.body()).contains("rechtliche Benachrichtigung").contains("Ihre eigene Pflicht");
    }

    @Test
    void aSubscriptionBoughtWithAResellerOfRecordSaysSoInTheResellersLanguage() {
        NotificationIntent intent = NotificationRules.intentsFor(new SubscriptionCreated(UUID.randomUUID(), AT,
                subscription, UUID.randomUUID(), customer, provider, "CFQ7TTC0LH18:0001",
                "Microsoft 365 Business Basic", 10, "2222222", reseller, "a")).get(0);
        Templates.Message en = templates.render(intent.type(), "en", "Fabrikam", intent.facts(), names);
        assertThat(en.subject()).isEqualTo("You are reseller of record for the new subscription Microsoft 365 "
                + "Business Basic (" + subscription + ")");
        assertThat(en.body()).contains("Contoso Distribution bought the subscription Microsoft 365 Business Basic ("
                + subscription + ") (10 licenses) for the customer Wingtip Toys (wingtip.onmicrosoft.com) on "
                + "2026-03-01 10:15 UTC and named you its reseller of record (PartnerID 2222222)");
        Templates.Message de = templates.render(intent.type(), "de", "Fabrikam", intent.facts(), names);
        assertThat(de.subject()).startsWith("Sie sind Reseller of Record für das neue Abonnement");
        assertThat(de.body()).contains("(10 Lizenzen)").contains("PartnerID 2222222");
    }

    @Test
    void aRevocationWithoutAReasonSaysNoneWasGivenInTheResellersLanguage() {
        NotificationIntent withReason = NotificationRules.intentsFor(new DelegatedAdminRevoked(UUID.randomUUID(), AT,
                customer, provider, reseller, "a", "contract ended")).get(0);
        NotificationIntent without = NotificationRules.intentsFor(new DelegatedAdminRevoked(UUID.randomUUID(), AT,
                customer, provider, reseller, "a", null)).get(0);
        assertThat(templates.render(withReason.type(), "en", "Fabrikam", withReason.facts(), names).body())
                .contains("Reason given: contract ended\n")
                .contains("Contoso Distribution ended your delegated administration of the customer Wingtip Toys "
                        + "(wingtip.onmicrosoft.com)");
        assertThat(templates.render(without.type(), "en", "Fabrikam", without.facts(), names).body())
                .contains("Reason given: none given\n");
        assertThat(templates.render(without.type(), "de", "Fabrikam", without.facts(), names).body())
                .contains("Angegebener Grund: keiner angegeben\n");
    }

    @Test
    void aReassignmentSummaryTellsEachResellerItsCountsPerKindInItsLanguageWithoutNamingTheOther() {
        UUID job = UUID.randomUUID();
        List<NotificationIntent> intents = NotificationRules.intentsFor(new ReassignmentCompleted(UUID.randomUUID(),
                AT, job, provider, reseller, other, new ReassignmentCounts(3, 1, 4, 2), 1, 2));

        Templates.Message lost = templates.render(intents.get(0).type(), "en", "Fabrikam", intents.get(0).facts(),
                names);
        assertThat(lost.subject()).isEqualTo("Contoso Distribution moved customers and subscriptions from you to "
                + "another reseller");
        assertThat(lost.body()).contains("""
                - customers you administered (delegated administration): 3
                - tenant-owner rights on customers' Azure tenants: 1
                - subscriptions you were reseller of record for: 4
                - subscriptions you were the designated support contact for: 2""")
                .contains("completed on 2026-03-01 10:15 UTC")
                .contains("could not be moved and stay with you until Contoso Distribution changes them: 2")
                .contains("Reassignment job id: " + job).doesNotContain(other.toString());
        Templates.Message gained = templates.render(intents.get(1).type(), "de", "Tailspin", intents.get(1).facts(),
                names);
        assertThat(gained.subject()).isEqualTo("Contoso Distribution hat Ihnen Kunden und Abonnements zugewiesen");
        assertThat(gained.body()).startsWith("Guten Tag Tailspin,")
                .contains("- Kunden, die Sie jetzt verwalten (delegierte Administration): 3")
                .contains("- Abonnements, deren Reseller of Record Sie jetzt sind: 4")
                .contains("Einträge, die Sie bereits hatten und die unverändert blieben: 1")
                .doesNotContain(reseller.toString());
    }

    @Test
    void theIneligibilityMessageListsEveryItemByNameWhereKnownWithItsRolesTheCauseAndTheDryRun() {
        UUID unknownCustomer = UUID.randomUUID();
        UUID unknownSubscription = UUID.randomUUID();
        Templates.Names known = knownOnly(customer, subscription);
        NotificationIntent intent = NotificationRules.intentsFor(new ResellerIneligibilityReported(UUID.randomUUID(),
                AT, UUID.randomUUID(), provider, reseller, "mpa_lapsed", "Europe", AT,
                List.of(new AffectedCustomer(customer), new AffectedCustomer(unknownCustomer)),
                List.of(new AffectedSubscription(subscription, customer, true, false),
                        new AffectedSubscription(unknownSubscription, unknownCustomer, true, true)))).get(0);

        Templates.Message en = templates.render(intent.type(), "en", "Contoso", intent.facts(), known);
        assertThat(en.subject()).isEqualTo("Fabrikam Reseller is no longer eligible: what still names it");
        assertThat(en.body()).contains("Fabrikam Reseller can no longer transact with you since 2026-03-01 10:15 UTC: "
                        + "its Microsoft Partner Agreement no longer covers the CSP region Europe.")
                .contains("""
                        Customers it administers for you (delegated administration): 2
                        - Wingtip Toys (wingtip.onmicrosoft.com)
                        - %s

                        Subscriptions naming it as reseller of record or support contact: 2
                        - Microsoft 365 Business Basic (%s), customer Wingtip Toys (wingtip.onmicrosoft.com): \
                        reseller of record
                        - %s, customer %s: reseller of record, support contact

                        Nothing was changed automatically""".formatted(unknownCustomer, subscription,
                        unknownSubscription, unknownCustomer))
                .contains("POST /api/v1/reseller-reassignments/dry-run on partnership-service, with " + reseller
                        + " as sourceResellerTenantId");

        Templates.Message de = templates.render(intent.type(), "de", "Contoso", intent.facts(), known);
        assertThat(de.body()).contains("sein Microsoft Partner Agreement gilt nicht mehr für die CSP-Region Europe")
                .contains("- " + unknownSubscription + ", Kunde " + unknownCustomer + ": Reseller of Record, "
                        + "Supportkontakt")
                .contains("Es wurde nichts automatisch geändert")
                .contains("POST /api/v1/reseller-reassignments/dry-run");
    }

    @Test
    void anIneligibilityWithNothingListedSaysNoneAndACauseWithoutWordsShowsItsCode() {
        NotificationIntent removed = NotificationRules.intentsFor(new ResellerIneligibilityReported(UUID.randomUUID(),
                AT, UUID.randomUUID(), provider, reseller, "partnership_removed", null, AT, List.of(), List.of()))
                .get(0);
        assertThat(templates.render(removed.type(), "en", "Contoso", removed.facts(), names).body())
                .contains("since 2026-03-01 10:15 UTC: you removed your partnership with it.")
                .contains("(delegated administration): 0\n- none\n")
                .contains("support contact: 0\n- none\n");
        assertThat(templates.render(removed.type(), "de", "Contoso", removed.facts(), names).body())
                .contains("Sie haben Ihre Partnerschaft mit ihm beendet").contains(": 0\n- keine\n");
        NotificationIntent future = NotificationRules.intentsFor(new ResellerIneligibilityReported(UUID.randomUUID(),
                AT, UUID.randomUUID(), provider, reseller, "some_future_cause", null, AT, List.of(), List.of()))
                .get(0);
        assertThat(templates.render(future.type(), "de", "Contoso", future.facts(), names).body())
                .contains("seit 2026-03-01 10:15 UTC keine Transaktionen mehr mit Ihnen abschließen: "
                        + "some_future_cause.");
    }

    @Test
    void everyLanguageHasEveryPhrase() {
        for (String language : Templates.LANGUAGES) {
            for (String key : List.of("reason.none", "cause.partnership_removed", "cause.reseller_suspended",
                    "cause.mpa_lapsed", "list.none", "list.subscription", "role.resellerOfRecord",
                    "role.supportContact")) {
                assertThat(templates.phrase(language, key)).as(language + "/" + key).isNotBlank();
            }
        }
    }

    /** Names as the directory gives them when it knows only this customer and this subscription: else the id. */
    private Templates.Names knownOnly(UUID knownCustomer, UUID knownSubscription) {
        return new Templates.Names() {
            @Override
            public String provider(UUID tenantId) {
                return names.provider(tenantId);
            }

            @Override
            public String reseller(UUID tenantId) {
                return names.reseller(tenantId);
            }

            @Override
            public String customer(UUID customerId) {
                return customerId.equals(knownCustomer) ? names.customer(customerId) : customerId.toString();
            }

            @Override
            public String subscription(UUID subscriptionId) {
                return subscriptionId.equals(knownSubscription) ? names.subscription(subscriptionId)
                        : subscriptionId.toString();
            }
        };
    }

    @Test
    void theRecipientsLanguageIsUsedWhereATemplateExistsElseEnglish() {
        assertThat(Templates.languageFor("de-DE")).isEqualTo("de");
        assertThat(Templates.languageFor("de")).isEqualTo("de");
        assertThat(Templates.languageFor("de_AT")).isEqualTo("de");
        assertThat(Templates.languageFor("en-US")).isEqualTo("en");
        assertThat(Templates.languageFor("fr-FR")).isEqualTo("en");
        assertThat(Templates.languageFor(null)).isEqualTo("en");
        assertThat(Templates.languageFor("  ")).isEqualTo("en");
    }

    @Test
    void aValueWithLineBreaksCannotBreakTheSubjectLine() {
        Templates.Message message = templates.render(NotificationType.customer_created_for_reseller, "en",
                Map.of("companyName", "Evil\r\nBcc: x@y.example", "domain", "d.example", "customerId", "c",
                        "providerName", "P", "recipientName", "R", "at", "now"));
        assertThat(message.subject()).isEqualTo("New customer to administer: Evil Bcc: x@y.example");
    }

    @Test
    void aTemplateValueThatIsMissingIsAnErrorNotAHole() {
        assertThatThrownBy(() -> templates.render(NotificationType.order_rejected, "en", Map.of("recipientName", "R")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("en/order_rejected needs {");
    }

    private List<PublicEvent> oneEventOfEachKind() {
        return List.of(
                new PartnershipAccepted(UUID.randomUUID(), AT, provider, reseller, UUID.randomUUID(), "a", "Europe"),
                new PartnershipRemoved(UUID.randomUUID(), AT, provider, reseller, "a", "r", true, "s"),
                new CustomerCreated(UUID.randomUUID(), AT, customer, provider, new CompanyProfile("Wingtip", "w.example"),
                        new BillingProfile("J", "D", "j@w.example", "en-US", "en", "W", new Address("1", null, "B",
                                null, "1", "DE")), reseller, "admin@w.example", null, "a"),
                new ResellerOfRecordChanged(UUID.randomUUID(), AT, subscription, customer, provider, "1111111",
                        reseller, "2222222", other, "a"),
                new SupportContactDesignated(UUID.randomUUID(), AT, subscription, customer, provider, reseller,
                        "3333333", "Fabrikam", other, "a"),
                new SupportContactReset(UUID.randomUUID(), AT, subscription, customer, provider, reseller, "a"),
                new OrderRejected(UUID.randomUUID(), AT, UUID.randomUUID(), customer, provider,
                        List.of(new RejectionReason("f", "c", "m")), "a"),
                new SubscriptionCreated(UUID.randomUUID(), AT, subscription, UUID.randomUUID(), customer, provider,
                        "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 10, "2222222", reseller, "a"),
                new ResellerAssociated(UUID.randomUUID(), AT, customer, provider, reseller, other, "a"),
                new TenantOwnerGranted(UUID.randomUUID(), AT, customer, provider, reseller, "a"),
                new TenantOwnerRevoked(UUID.randomUUID(), AT, customer, provider, reseller, "a"),
                new DelegatedAdminRevoked(UUID.randomUUID(), AT, customer, provider, reseller, "a", null),
                new ResellerIneligibilityReported(UUID.randomUUID(), AT, UUID.randomUUID(), provider, reseller,
                        "reseller_suspended", null, AT, List.of(new AffectedCustomer(customer)),
                        List.of(new AffectedSubscription(subscription, customer, false, true))),
                new ReassignmentCompleted(UUID.randomUUID(), AT, UUID.randomUUID(), provider, reseller, other,
                        new ReassignmentCounts(3, 1, 4, 2), 1, 2));
    }
}
