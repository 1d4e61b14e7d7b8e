package com.cspchannel.events;

import com.cspchannel.events.partnership.PartnershipAccepted;
import com.cspchannel.events.partnership.PartnershipInvitationIssued;
import com.cspchannel.events.partnership.PartnershipRemoved;
import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.events.partnership.ResellerComplianceChanged;
import com.cspchannel.events.partnership.ResellerEnrolled;
import com.cspchannel.events.partnership.ResellerProfileUpdated;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fixed, realistic instance of every public event type: the examples the approved JSON pins. */
final class ContractSamples {

    static final UUID EVENT_ID = UUID.fromString("6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01");
    static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");
    static final UUID PROVIDER = UUID.fromString("1b2f4d7e-0000-4000-8000-00000000aa01");
    static final UUID RESELLER = UUID.fromString("2c3a5e8f-0000-4000-8000-00000000bb02");
    static final UUID INVITATION = UUID.fromString("3d4b6f90-0000-4000-8000-00000000cc03");

    private ContractSamples() {
    }

    static List<PublicEvent> all() {
        return List.of(
                new ProviderProfileRegistered(EVENT_ID, AT, PROVIDER, "Contoso Distribution", "partners@contoso.example",
                        "Europe", "4847383", "en-US"),
                new ProviderProfileUpdated(EVENT_ID, AT, PROVIDER, "Contoso Distribution Ltd", "csp@contoso.example",
                        "Europe", "4847383", null),
                new ResellerEnrolled(EVENT_ID, AT, RESELLER, "Fabrikam IT", "admin@fabrikam.example", "DE", "Europe",
                        List.of("5123456", "5123457"), "5100000", "de-DE"),
                new ResellerProfileUpdated(EVENT_ID, AT, RESELLER, "Fabrikam IT GmbH", "csp@fabrikam.example", "DE",
                        "Europe", List.of("5123456"), "5100000", null),
                new ResellerComplianceChanged(EVENT_ID, AT, RESELLER, List.of("Europe"), ProgramStatus.ACTIVE),
                new PartnershipInvitationIssued(EVENT_ID, AT, INVITATION, PROVIDER, "user-42", "admin@fabrikam.example",
                        Instant.parse("2026-03-31T09:30:00Z")),
                new PartnershipAccepted(EVENT_ID, AT, PROVIDER, RESELLER, INVITATION, "reseller-admin-7", "Europe"),
                new PartnershipRemoved(EVENT_ID, AT, PROVIDER, RESELLER, "user-42", "Reseller left the program", true,
                        "I attest that this decision was made in good faith, for a legitimate business purpose, "
                                + "in accordance with my agreements."));
    }
}
