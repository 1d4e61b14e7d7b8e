package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProgramStatus;
import com.cspchannel.partnership.command.Commands.ChangeResellerCompliance;
import com.cspchannel.partnership.command.Commands.EnrolReseller;
import com.cspchannel.partnership.command.Commands.SaveProviderProfile;
import com.cspchannel.partnership.command.Commands.UpdateResellerProfile;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.platform.domain.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes to the reseller directory and the provider registry (platform role DirectoryAdmin). Checks that
 * span resellers (a PartnerID belongs to one reseller only) are made here against the directory view.
 */
@Service
public class DirectoryService {

    private final CommandGateway commands;
    private final PartnershipQueries queries;

    public DirectoryService(CommandGateway commands, PartnershipQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** @return true when the provider was registered now, false when an existing profile was replaced */
    public boolean saveProvider(UUID providerTenantId, String name, String contactEmail, String cspRegion,
                                String partnerId, String preferredLanguage) {
        return commands.sendAndWait(new SaveProviderProfile(providerTenantId.toString(), providerTenantId, name,
                contactEmail, cspRegion, partnerId, preferredLanguage));
    }

    public void enrol(UUID resellerTenantId, String name, String contactEmail, String country, String cspRegion,
                      List<String> plaPartnerIds, String pgaPartnerId, String preferredLanguage) {
        if (queries.reseller(resellerTenantId).isPresent()) {
            throw PartnershipErrors.alreadyEnrolled();
        }
        requirePartnerIdsFree(resellerTenantId, plaPartnerIds, pgaPartnerId);
        commands.sendAndWait(new EnrolReseller(resellerTenantId.toString(), resellerTenantId, name, contactEmail,
                country, cspRegion, plaPartnerIds, pgaPartnerId, preferredLanguage));
    }

    public void updateProfile(UUID resellerTenantId, Long expectedVersion, String name, String contactEmail,
                              String country, String cspRegion, List<String> plaPartnerIds, String pgaPartnerId,
                              String preferredLanguage) {
        requireEnrolled(resellerTenantId);
        requirePartnerIdsFree(resellerTenantId, plaPartnerIds, pgaPartnerId);
        commands.sendAndWait(new UpdateResellerProfile(resellerTenantId.toString(), expectedVersion, name,
                contactEmail, country, cspRegion, plaPartnerIds, pgaPartnerId, preferredLanguage));
    }

    public void changeCompliance(UUID resellerTenantId, Long expectedVersion, List<String> mpaSignedRegions,
                                 ProgramStatus programStatus) {
        requireEnrolled(resellerTenantId);
        commands.sendAndWait(new ChangeResellerCompliance(resellerTenantId.toString(), expectedVersion,
                mpaSignedRegions, programStatus));
    }

    private void requireEnrolled(UUID resellerTenantId) {
        if (queries.reseller(resellerTenantId).isEmpty()) {
            throw new DomainRuleViolation(PartnershipProblem.RESELLER_NOT_FOUND, "No reseller with this tenant id is enrolled.");
        }
    }

    private void requirePartnerIdsFree(UUID resellerTenantId, List<String> pla, String pga) {
        List<String> all = new ArrayList<>(pla);
        all.add(pga);
        queries.otherResellerHoldingAny(all, resellerTenantId).ifPresent(other -> {
            throw new DomainRuleViolation(PartnershipProblem.PARTNER_ID_TAKEN,
                    "One of these PartnerIDs already belongs to another enrolled reseller.");
        });
    }
}
