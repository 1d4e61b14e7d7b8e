package com.cspchannel.platform.consistency;

import com.cspchannel.platform.web.PlatformProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a client has seen written: events, each named by its topic and id ({@code csp.customers.events/<uuid>}),
 * comma-separated in the {@value #HEADER} header. Every answer carries the events its request wrote, together
 * with those the request was sent with, so a client that passes along the token of its last answer reads its
 * own writes, and the writes those depended on, in every service.
 *
 * <p>An entry names the last event a request wrote to each aggregate: a consumer applies an aggregate's events
 * in order, so having applied the last means having applied them all.
 */
public record ConsistencyToken(List<Entry> entries) {

    public static final String HEADER = "CSP-Consistency-Token";
    /** A token carries at most this many events; the oldest go first (a client chains a few steps, not many). */
    static final int MAX_ENTRIES = 64;
    private static final Pattern ENTRY = Pattern.compile("[a-z][a-z0-9.-]{0,100}/[0-9a-f]{8}-[0-9a-f]{4}-"
            + "[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One event a client has seen written. */
    public record Entry(String topic, UUID eventId) {
        @Override
        public String toString() {
            return topic + "/" + eventId;
        }
    }

    public ConsistencyToken {
        entries = List.copyOf(entries);
    }

    /**
     * Reads the header's values (a client may send several headers, or one with several entries).
     *
     * @throws DomainRuleViolation 400 {@code invalid-consistency-token} for anything else
     */
    public static ConsistencyToken parse(Collection<String> values) {
        Set<Entry> entries = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String entry = part.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (!ENTRY.matcher(entry).matches()) {
                    throw invalid();
                }
                int slash = entry.indexOf('/');
                entries.add(new Entry(entry.substring(0, slash), UUID.fromString(entry.substring(slash + 1))));
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            throw invalid();
        }
        return new ConsistencyToken(new ArrayList<>(entries));
    }

    /** This token and {@code written}, the newest last, without repeats, at most {@link #MAX_ENTRIES}. */
    public ConsistencyToken with(Collection<Entry> written) {
        Set<Entry> all = new LinkedHashSet<>(entries);
        all.removeAll(written);
        all.addAll(written);
        List<Entry> list = new ArrayList<>(all);
        return new ConsistencyToken(list.subList(Math.max(0, list.size() - MAX_ENTRIES), list.size()));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", entries.stream().map(Entry::toString).toList());
    }

    private static DomainRuleViolation invalid() {
        return new DomainRuleViolation(PlatformProblem.INVALID_CONSISTENCY_TOKEN, HEADER + " must be the value of "
                + "an earlier answer's " + HEADER + " header (at most " + MAX_ENTRIES + " entries topic/event-id).");
    }
}
