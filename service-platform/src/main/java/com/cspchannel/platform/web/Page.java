package com.cspchannel.platform.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the shape of every list answer of every service, so that a client pages through
 * partnerships, customers, subscriptions or notifications the same way.
 *
 * @param items      the entries of this page
 * @param totalCount how many entries the whole list holds
 * @param page       this page's number, from 0
 * @param size       the page size asked for
 */
public record Page<T>(List<T> items, long totalCount, int page, int size) {

    public Page {
        items = List.copyOf(items);
    }

    /** A whole list in one page, for lists that are short by nature (a subscription's history). */
    public static <T> Page<T> all(List<T> items) {
        return new Page<>(items, items.size(), 0, Math.max(items.size(), 1));
    }

    /** The same page with each entry turned into what the API answers. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), totalCount, page, size);
    }
}
