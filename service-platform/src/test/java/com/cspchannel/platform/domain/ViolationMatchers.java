package com.cspchannel.platform.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for rule violations, for Axon fixtures' {@code expectException(...)}. */
public final class ViolationMatchers {

    private ViolationMatchers() {
    }

    /** A {@link DomainRuleViolation} with this stable code. */
    public static Matcher<DomainRuleViolation> withCode(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return code.equals(violation.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation with code ").appendValue(code);
            }
        };
    }
}
