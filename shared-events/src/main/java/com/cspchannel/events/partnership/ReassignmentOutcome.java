package com.cspchannel.events.partnership;

import com.cspchannel.events.OptionalField;

import java.util.UUID;

/**
 * What the owning service did with one item of a reassignment job: {@code moved} (the ordinary event of that
 * change was recorded, correlated to the job), {@code unchanged} (the target already held it: nothing to do) or
 * {@code refused}, with the code the single operation would answer.
 */
public record ReassignmentOutcome(String kind, UUID customerId, @OptionalField UUID subscriptionId, String outcome,
                                  @OptionalField String code) {

    public static final String MOVED = "moved";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";

    public static ReassignmentOutcome of(ReassignmentItem item, String outcome, String code) {
        return new ReassignmentOutcome(item.kind(), item.customerId(), item.subscriptionId(), outcome, code);
    }
}
