package com.cspchannel.notification.catalogue;

import com.cspchannel.events.partnership.AffectedCustomer;
import com.cspchannel.events.partnership.AffectedSubscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lists of a reseller's ineligibility report: kept in a notification's facts as ids (the rules are pure, and a
 * message may be written later, when its recipient's address arrives), written out when the message is, with the
 * names the directory knows then and the recipient's words for each role.
 */
final class AffectedItems {

    /** Fact: the affected customers' ids, one a line. */
    static final String CUSTOMERS = "affectedCustomers";
    /** Fact: one affected subscription a line: its id, its customer's id and the roles naming the reseller. */
    static final String SUBSCRIPTIONS = "affectedSubscriptions";

    private static final String RESELLER_OF_RECORD = "resellerOfRecord";
    private static final String SUPPORT_CONTACT = "supportContact";

    private AffectedItems() {
    }

    static String customers(List<AffectedCustomer> customers) {
        return customers.stream().map(c -> c.customerId().toString()).collect(Collectors.joining("\n"));
    }

    static String subscriptions(List<AffectedSubscription> subscriptions) {
        return subscriptions.stream().map(s -> {
            List<String> roles = new ArrayList<>();
            if (s.resellerOfRecord()) {
                roles.add(RESELLER_OF_RECORD);
            }
            if (s.supportContact()) {
                roles.add(SUPPORT_CONTACT);
            }
            return s.subscriptionId() + " " + s.customerId() + " " + String.join(",", roles);
        }).collect(Collectors.joining("\n"));
    }

    /**
     * Adds the written lists to {@code values} when its facts have them: {@code customerList} and
     * {@code subscriptionList} (one item a line, or the phrase {@code list.none}), {@code customerCount} and
     * {@code subscriptionCount}. A customer is named "company (domain)" when the directory knows it, else by id;
     * a subscription "offer (id)", else by id.
     */
    static void write(Map<String, String> values, Templates.Names names, Function<String, String> phrase) {
        if (values.containsKey(CUSTOMERS)) {
            List<String> customers = lines(values.get(CUSTOMERS)).stream()
                    .map(id -> "- " + names.customer(UUID.fromString(id))).toList();
            values.put("customerCount", Integer.toString(customers.size()));
            values.put("customerList", list(customers, phrase));
        }
        if (values.containsKey(SUBSCRIPTIONS)) {
            List<String> subscriptions = lines(values.get(SUBSCRIPTIONS)).stream().map(line -> {
                String[] fields = line.split(" ", -1);
                String roles = Arrays.stream(fields[2].split(",")).filter(r -> !r.isEmpty())
                        .map(role -> phrase.apply("role." + role)).collect(Collectors.joining(", "));
                return Templates.fill(phrase.apply("list.subscription"), Map.of(
                        "subscription", names.subscription(UUID.fromString(fields[0])),
                        "customer", names.customer(UUID.fromString(fields[1])), "roles", roles), "list.subscription");
            }).toList();
            values.put("subscriptionCount", Integer.toString(subscriptions.size()));
            values.put("subscriptionList", list(subscriptions, phrase));
        }
    }

    private static String list(List<String> lines, Function<String, String> phrase) {
        return lines.isEmpty() ? phrase.apply("list.none") : String.join("\n", lines);
    }

    private static List<String> lines(String fact) {
        return fact.isBlank() ? List.of() : List.of(fact.split("\n"));
    }
}
