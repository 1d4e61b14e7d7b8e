package com.cspchannel.partnership.command;

import com.cspchannel.events.partnership.ProviderProfileRegistered;
import com.cspchannel.events.partnership.ProviderProfileUpdated;
import com.cspchannel.partnership.command.Commands.SaveProviderProfile;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.cspchannel.partnership.command.Fixtures.ANY_ID;
import static com.cspchannel.partnership.command.Fixtures.NOW;
import static com.cspchannel.partnership.command.Fixtures.PROVIDER;

class ProviderProfileTest {

    private static final String ID = PROVIDER.toString();
    private AggregateTestFixture<ProviderProfile> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.fixture(ProviderProfile.class);
    }

    private static SaveProviderProfile save(String name) {
        return new SaveProviderProfile(ID, PROVIDER, name, "csp@contoso.example", "Europe", "4847383", "en-US");
    }

    @Test
    void givenNothing_whenSaved_thenProviderRegistered() {
        fixture.givenNoPriorActivity()
                .when(save("Contoso"))
                .expectResultMessagePayload(true)
                .expectEvents(new ProviderProfileRegistered(ANY_ID, NOW, PROVIDER, "Contoso", "csp@contoso.example",
                        "Europe", "4847383", "en-US"));
    }

    @Test
    void givenRegistered_whenSavedWithANewName_thenProfileUpdated() {
        fixture.given(new ProviderProfileRegistered(ANY_ID, NOW, PROVIDER, "Contoso", "csp@contoso.example",
                        "Europe", "4847383", "en-US"))
                .when(save("Contoso Ltd"))
                .expectResultMessagePayload(false)
                .expectEvents(new ProviderProfileUpdated(ANY_ID, NOW, PROVIDER, "Contoso Ltd", "csp@contoso.example",
                        "Europe", "4847383", "en-US"));
    }

    @Test
    void givenRegistered_whenSavedUnchanged_thenNoEvent() {
        fixture.given(new ProviderProfileRegistered(ANY_ID, NOW, PROVIDER, "Contoso", "csp@contoso.example",
                        "Europe", "4847383", "en-US"))
                .when(save("Contoso"))
                .expectNoEvents();
    }
}
