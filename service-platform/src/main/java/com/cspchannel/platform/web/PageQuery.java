package com.cspchannel.platform.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way a list endpoint reads its page: how many rows the query has in all, then one page of them in a
 * stable order ({@code orderBy} must end with a unique column, so that pages neither repeat nor skip rows).
 */
public final class PageQuery {

    private PageQuery() {
    }

    /**
     * @param query a select with its where clause, without order, limit or offset
     * @param args  the query's parameters, in order
     */
    public static <T> Page<T> read(JdbcTemplate jdbc, String query, List<Object> args, String orderBy,
                                   RowMapper<T> rows, int page, int size) {
        Long total = jdbc.queryForObject("select count(*) from (" + query + ") counted", Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<T> items = jdbc.query(query + " order by " + orderBy + " limit ? offset ?", rows, pageArgs.toArray());
        return new Page<>(items, total == null ? 0 : total, page, size);
    }
}
