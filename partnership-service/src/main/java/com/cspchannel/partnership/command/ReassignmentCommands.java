package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ReassignmentItem;
import com.cspchannel.events.partnership.ReassignmentOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

/** The commands of a bulk reassignment job between two resellers of one provider. */
public final class ReassignmentCommands {

    private ReassignmentCommands() {
    }

    /** Starts a job with the items planned for it (refused ones carry their code). */
    public record StartReassignment(@TargetAggregateIdentifier String jobId, UUID providerTenantId,
                                    UUID sourceResellerTenantId, UUID targetResellerTenantId, String targetPartnerId,
                                    String targetName, String startedBy, List<ReassignmentItem> items) {
    }

    /** What an owning service ({@code customer} or {@code subscription}) reported for its items of the job. */
    public record RecordReassignmentOutcomes(@TargetAggregateIdentifier String jobId, String service,
                                             List<ReassignmentOutcome> outcomes) {
    }
}
