package com.cspchannel.customer.query;

import com.cspchannel.events.customer.BillingProfile;
import com.cspchannel.platform.security.TenantScope;
import com.cspchannel.platform.web.Page;
import com.cspchannel.platform.web.PageQuery;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads of the customer view, always scoped to the caller: a provider's own customers, or a reseller's. */
@Component
public class CustomerQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<CustomerEntry> mapper;

    public CustomerQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = (rs, n) -> new CustomerEntry(rs.getObject("customer_id", UUID.class),
                rs.getObject("provider_tenant_id", UUID.class), rs.getString("company_name"), rs.getString("domain"),
                billing(rs.getString("billing_profile")), rs.getObject("associated_reseller", UUID.class),
                rs.getObject("tenant_owner_reseller", UUID.class), rs.getString("admin_user_name"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("version"),
                read(rs.getString("initial_order"), com.cspchannel.events.customer.AcceptedOrder.class),
                rs.getString("initial_order_state"), reasons(rs.getString("initial_order_reasons")));
    }

    public boolean domainTaken(String domain) {
        return Boolean.TRUE.equals(jdbc.query("select 1 from customer_domain where domain = ?",
                (org.springframework.jdbc.core.ResultSetExtractor<Boolean>) rs -> rs.next(),
                domain.toLowerCase(Locale.ROOT)));
    }

    /** Whether subscription-service has told us of an Azure plan of this customer. */
    public boolean holdsAzurePlan(UUID customerId) {
        return Boolean.TRUE.equals(jdbc.query("select 1 from customer_azure_plan where customer_id = ? limit 1",
                (org.springframework.jdbc.core.ResultSetExtractor<Boolean>) rs -> rs.next(), customerId));
    }

    public Optional<CustomerEntry> find(UUID customerId, TenantScope scope) {
        List<Object> args = new ArrayList<>();
        args.add(customerId);
        String where = " where customer_id = ?" + scopeClause(scope, args);
        return jdbc.query("select * from customer" + where, mapper, args.toArray()).stream().findFirst();
    }

    public Page<CustomerEntry> list(TenantScope scope, UUID indirectReseller, String search, int page, int size) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true").append(scopeClause(scope, args));
        if (indirectReseller != null) {
            where.append(" and associated_reseller = ?");
            args.add(indirectReseller);
        }
        if (search != null && !search.isBlank()) {
            where.append(" and (lower(company_name) like ? or domain like ?)");
            String pattern = "%" + search.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        return PageQuery.read(jdbc, "select * from customer" + where, args, "company_name, customer_id", mapper, page,
                size);
    }

    private static String scopeClause(TenantScope scope, List<Object> args) {
        if (scope.providerTenantId() != null) {
            args.add(scope.providerTenantId());
            return " and provider_tenant_id = ?";
        }
        args.add(scope.resellerTenantId());
        return " and associated_reseller = ?";
    }

    private List<com.cspchannel.events.subscription.RejectionReason> reasons(String value) {
        if (value == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(value, com.cspchannel.events.subscription.RejectionReason[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BillingProfile billing(String value) {
        return read(value, BillingProfile.class);
    }

    private <T> T read(String value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
