package com.cspchannel.subscription.query;

import com.cspchannel.events.customer.OrderLine;
import com.cspchannel.events.subscription.RejectionReason;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of orders and subscriptions, always scoped to the caller: a provider sees its own; a reseller sees the
 * subscriptions of customers it administers and those where it is reseller of record or support contact.
 */
@Component
public class SubscriptionQueries {

    /** A known customer: its provider and the reseller that administers it. */
    public record KnownCustomer(UUID customerId, UUID providerTenantId, UUID associatedReseller) {
    }

    private static final String SUBSCRIPTIONS = """
            select s.* from subscription s left join known_customer c on c.customer_id = s.customer_id""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SubscriptionQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<KnownCustomer> customer(UUID customerId) {
        return jdbc.query("select * from known_customer where customer_id = ?", (rs, n) -> new KnownCustomer(
                rs.getObject("customer_id", UUID.class), rs.getObject("provider_tenant_id", UUID.class),
                rs.getObject("associated_reseller", UUID.class)), customerId).stream().findFirst();
    }

    public Optional<SubscriptionEntry> subscription(UUID customerId, UUID subscriptionId, TenantScope scope) {
        List<Object> args = new ArrayList<>(List.of(customerId, subscriptionId));
        return jdbc.query(SUBSCRIPTIONS + " where s.customer_id = ? and s.subscription_id = ?" + scope(scope, args),
                SUBSCRIPTION, args.toArray()).stream().findFirst();
    }

    /**
     * Whether the caller may know the customer at all: its provider, the reseller that administers it, or a
     * reseller that is reseller of record or support contact of one of its subscriptions.
     */
    public boolean customerVisible(UUID customerId, TenantScope scope) {
        if (scope.isProvider()) {
            return Boolean.TRUE.equals(jdbc.query("select 1 from known_customer where customer_id = ? "
                    + "and provider_tenant_id = ?", (ResultSetExtractor<Boolean>) ResultSet::next, customerId,
                    scope.providerTenantId()));
        }
        UUID reseller = scope.resellerTenantId();
        return Boolean.TRUE.equals(jdbc.query("""
                select 1 from known_customer where customer_id = ? and associated_reseller = ?
                union all
                select 1 from subscription where customer_id = ? and (reseller_tenant_id = ? or support_tenant_id = ?)
                limit 1""", (ResultSetExtractor<Boolean>) ResultSet::next, customerId, reseller, customerId, reseller,
                reseller));
    }

    public Page<SubscriptionEntry> subscriptions(UUID customerId, TenantScope scope, String partnerId, String status,
                                                 int page, int size) {
        List<Object> args = new ArrayList<>(List.of(customerId));
        StringBuilder where = new StringBuilder(" where s.customer_id = ?").append(scope(scope, args));
        if (partnerId != null) {
            where.append(" and s.partner_id = ?");
            args.add(partnerId);
        }
        if (status != null) {
            where.append(" and s.status = ?");
            args.add(status);
        }
        return PageQuery.read(jdbc, SUBSCRIPTIONS + where, args, "s.purchased_at, s.subscription_id", SUBSCRIPTION, page,
                size);
    }

    public Page<OrderEntry> orders(UUID customerId, UUID provider, int page, int size) {
        return PageQuery.read(jdbc, "select * from customer_order where customer_id = ? and provider_tenant_id = ?",
                List.<Object>of(customerId, provider), "created_at, order_id", this::order, page, size);
    }

    public Optional<OrderEntry> order(UUID customerId, UUID orderId, UUID provider) {
        return jdbc.query("select * from customer_order where customer_id = ? and order_id = ? and provider_tenant_id = ?",
                this::order, customerId, orderId, provider).stream().findFirst();
    }

    private static String scope(TenantScope scope, List<Object> args) {
        if (scope.providerTenantId() != null) {
            args.add(scope.providerTenantId());
            return " and s.provider_tenant_id = ?";
        }
        args.add(scope.resellerTenantId());
        args.add(scope.resellerTenantId());
        args.add(scope.resellerTenantId());
        return " and (c.associated_reseller = ? or s.reseller_tenant_id = ? or s.support_tenant_id = ?)";
    }

    private static final RowMapper<SubscriptionEntry> SUBSCRIPTION = (rs, n) -> new SubscriptionEntry(
            rs.getObject("subscription_id", UUID.class), rs.getObject("order_id", UUID.class),
            rs.getObject("customer_id", UUID.class), rs.getObject("provider_tenant_id", UUID.class),
            rs.getString("offer_id"), rs.getString("offer_name"), rs.getInt("quantity"), rs.getString("status"),
            rs.getString("partner_id"), rs.getObject("reseller_tenant_id", UUID.class),
            rs.getObject("support_tenant_id", UUID.class), rs.getString("support_mpn_id"), rs.getString("support_name"),
            rs.getTimestamp("purchased_at").toInstant(), rs.getLong("version"));

    private OrderEntry order(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        try {
            List<OrderLine> lines = json.readValue(rs.getString("line_items"), new TypeReference<>() { });
            String reasons = rs.getString("reasons");
            return new OrderEntry(rs.getObject("order_id", UUID.class), rs.getObject("customer_id", UUID.class),
                    rs.getObject("provider_tenant_id", UUID.class), rs.getString("status"), rs.getString("source"),
                    lines, reasons == null ? List.of() : json.readValue(reasons,
                    new TypeReference<List<RejectionReason>>() { }), rs.getTimestamp("created_at").toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
