package com.cspchannel.notification.directory;

import com.cspchannel.rules.catalogue.Offer;
import com.cspchannel.rules.catalogue.OfferCatalogue;
import com.cspchannel.notification.catalogue.RecipientKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What this service knows of the other services' parties, from their events: providers' and resellers' contact
 * addresses and languages (where notifications go), and the names of customers and subscriptions (what the
 * messages call them). Each event carries the whole new profile, so an update replaces the row.
 */
@Component
public class Directory {

    private final JdbcTemplate jdbc;

    public Directory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void saveRecipient(Recipient recipient, Instant at) {
        jdbc.update("""
                insert into recipient (kind, tenant_id, name, email, language, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (kind, tenant_id) do update set name = excluded.name, email = excluded.email,
                    language = excluded.language, updated_at = excluded.updated_at""",
                recipient.kind().name(), recipient.tenantId(), recipient.name(), recipient.email(),
                recipient.language(), Timestamp.from(at));
    }

    public Optional<Recipient> recipient(RecipientKind kind, UUID tenantId) {
        return jdbc.query("select name, email, language from recipient where kind = ? and tenant_id = ?",
                (rs, n) -> new Recipient(kind, tenantId, rs.getString(1), rs.getString(2), rs.getString(3)),
                kind.name(), tenantId).stream().findFirst();
    }

    public Optional<String> name(RecipientKind kind, UUID tenantId) {
        return recipient(kind, tenantId).map(Recipient::name);
    }

    public void saveCustomer(UUID customerId, String companyName, String domain) {
        jdbc.update("""
                insert into customer_name (customer_id, company_name, domain) values (?, ?, ?)
                on conflict (customer_id) do update set company_name = excluded.company_name,
                    domain = excluded.domain""", customerId, companyName, domain);
    }

    /** "Wingtip Toys (wingtip.onmicrosoft.com)", or empty while the customer is not known here. */
    public Optional<String> customerLabel(UUID customerId) {
        return jdbc.query("select company_name, domain from customer_name where customer_id = ?",
                (rs, n) -> rs.getString(1) + " (" + rs.getString(2) + ")", customerId).stream().findFirst();
    }

    public void saveSubscription(UUID subscriptionId, String offerId, String offerName) {
        jdbc.update("""
                insert into subscription_offer (subscription_id, offer_id, offer_name) values (?, ?, ?)
                on conflict (subscription_id) do update set offer_id = excluded.offer_id,
                    offer_name = excluded.offer_name""", subscriptionId, offerId, offerName);
    }

    /** After an upgrade: the new offer, named from the offer catalogue. */
    public void changeSubscriptionOffer(UUID subscriptionId, String offerId) {
        jdbc.update("update subscription_offer set offer_id = ?, offer_name = ? where subscription_id = ?",
                offerId, OfferCatalogue.find(offerId).map(Offer::name).orElse(null), subscriptionId);
    }

    /** "Microsoft 365 Business Basic (subscription id)", or empty while the subscription is not known here. */
    public Optional<String> subscriptionLabel(UUID subscriptionId) {
        return jdbc.query("select coalesce(offer_name, offer_id) from subscription_offer where subscription_id = ?",
                (rs, n) -> rs.getString(1) + " (" + subscriptionId + ")", subscriptionId).stream().findFirst();
    }
}
