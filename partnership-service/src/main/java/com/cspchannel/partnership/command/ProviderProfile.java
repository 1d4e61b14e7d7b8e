package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.partnership.command.Commands.SaveProviderProfile;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An indirect provider's profile: name, contact email, CSP region and its own PartnerID. */
@Aggregate
public class ProviderProfile {

    @AggregateIdentifier
    private String providerId;
    private SaveProviderProfile current;

    protected ProviderProfile() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SaveProviderProfile command, Clock clock) {
        if (providerId == null) {
            apply(new ProviderProfileRegistered(UUID.randomUUID(), clock.instant(), command.providerTenantId(),
                    command.name(), command.contactEmail(), command.cspRegion(), command.partnerId(),
                    command.preferredLanguage()));
            return true;
        }
        if (!Objects.equals(current, command)) {
            apply(new ProviderProfileUpdated(UUID.randomUUID(), clock.instant(), command.providerTenantId(),
                    command.name(), command.contactEmail(), command.cspRegion(), command.partnerId(),
                    command.preferredLanguage()));
        }
        return false;
    }

    @EventSourcingHandler
    void on(ProviderProfileRegistered event) {
        providerId = event.providerTenantId().toString();
        current = new SaveProviderProfile(providerId, event.providerTenantId(), event.name(), event.contactEmail(),
                event.cspRegion(), event.partnerId(), event.preferredLanguage());
    }

    @EventSourcingHandler
    void on(ProviderProfileUpdated event) {
        current = new SaveProviderProfile(providerId, event.providerTenantId(), event.name(), event.contactEmail(),
                event.cspRegion(), event.partnerId(), event.preferredLanguage());
    }
}
