package com.cspchannel.subscription.command;

import com.cspchannel.platform.domain.DomainRuleViolation;

/** The subscription service's rule violations, each with its stable code ({@link SubscriptionProblem}). */
public final class SubscriptionErrors {

    private SubscriptionErrors() {
    }

    public static DomainRuleViolation subscriptionNotFound() {
        return new DomainRuleViolation(SubscriptionProblem.SUBSCRIPTION_NOT_FOUND, "No such subscription.");
    }

    public static DomainRuleViolation customerNotFound() {
        return new DomainRuleViolation(SubscriptionProblem.CUSTOMER_NOT_FOUND, "No such customer.");
    }

    public static DomainRuleViolation quantityOutOfRange(String offer, int min, int max) {
        return new DomainRuleViolation(SubscriptionProblem.QUANTITY_OUT_OF_RANGE,
                offer + " allows " + min + " to " + max + " licenses.");
    }

    public static DomainRuleViolation decreaseWindowClosed(long days) {
        return new DomainRuleViolation(SubscriptionProblem.DECREASE_WINDOW_CLOSED, "Licenses can only be reduced "
                + "within " + days + " days of purchase (new-commerce rule).");
    }

    public static DomainRuleViolation upgradeNotAllowed(String from, String to) {
        return new DomainRuleViolation(SubscriptionProblem.UPGRADE_NOT_ALLOWED,
                "The offer " + from + " cannot be upgraded to " + to + ".");
    }
}
