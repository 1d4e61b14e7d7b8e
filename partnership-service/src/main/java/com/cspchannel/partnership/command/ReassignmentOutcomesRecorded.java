package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ReassignmentOutcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Internal event: the outcomes one owning service reported for its items of a reassignment job. */
public record ReassignmentOutcomesRecorded(UUID jobId, String service, List<ReassignmentOutcome> outcomes,
                                           Instant recordedAt) {
}
