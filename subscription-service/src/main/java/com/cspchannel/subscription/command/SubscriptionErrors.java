package com.cspchannel.subscription.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.NOT_FOUND;
import static com.cspchannel.platform.domain.DomainRuleViolation.Kind.UNPROCESSABLE;

/** The subscription service's rule violations, each with its stable code. */
public final class SubscriptionErrors {

    private SubscriptionErrors() {
    }

    public static DomainRuleViolation subscriptionNotFound() {
        return new DomainRuleViolation(NOT_FOUND, "subscription-not-found", "No such subscription.");
    }

    public static DomainRuleViolation customerNotFound() {
        return new DomainRuleViolation(NOT_FOUND, "customer-not-found", "No such customer.");
    }

    public static DomainRuleViolation quantityOutOfRange(String offer, int min, int max) {
        return new DomainRuleViolation(UNPROCESSABLE, "quantity-out-of-range",
                offer + " allows " + min + " to " + max + " licenses.");
    }

    public static DomainRuleViolation decreaseWindowClosed(long days) {
        return new DomainRuleViolation(UNPROCESSABLE, "decrease-window-closed", "Licenses can only be reduced within "
                + days + " days of purchase (new-commerce rule).");
    }

    public static DomainRuleViolation upgradeNotAllowed(String from, String to) {
        return new DomainRuleViolation(UNPROCESSABLE, "upgrade-not-allowed",
                "The offer " + from + " cannot be upgraded to " + to + ".");
    }
}
