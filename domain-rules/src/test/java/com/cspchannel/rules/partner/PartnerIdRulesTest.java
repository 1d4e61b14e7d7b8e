package com.cspchannel.rules.partner;

import com.cspchannel.rules.partner.PartnerIdRules.Provider;
import com.cspchannel.rules.partner.PartnerIdRules.Refusal;
import com.cspchannel.rules.partner.PartnerIdRules.Reseller;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each of Partner Center's checks refuses on its own, in Partner Center's order, with its codes. */
class PartnerIdRulesTest {

    private static final Provider CONTOSO = new Provider("4847383", "Europe");
    private static final Reseller ELIGIBLE = new Reseller(true, true, "Europe", List.of("europe"));

    private static Optional<Refusal> verify(String partnerId, Reseller reseller) {
        return PartnerIdRules.verify(partnerId, CONTOSO, Optional.ofNullable(reseller));
    }

    @Test
    void aPlaIdOfAnActiveResellerInTheRegionWithASignedMpaPasses() {
        assertThat(verify("5123456", ELIGIBLE)).isEmpty();
        assertThat(PartnerIdRules.partnerOfRecord("5123456", CONTOSO, Optional.of(ELIGIBLE), true)).isEmpty();
    }

    @Test
    void theProvidersOwnIdIsRefusedWith2072EvenBeforeTheDirectoryIsAsked() {
        assertThat(verify("4847383", ELIGIBLE)).get().extracting(Refusal::code).isEqualTo("2072");
    }

    @Test
    void anUnknownIdIsRefusedWith3000And800015() {
        Refusal refusal = verify("5999999", null).orElseThrow();
        assertThat(refusal.code()).isEqualTo("3000");
        assertThat(refusal.partnerCenterCodes()).containsExactly("3000", "800015");
        assertThat(refusal.message()).contains("5999999");
    }

    @Test
    void aPgaIdIsRefusedWith2204And800016() {
        Refusal refusal = verify("6123456", new Reseller(false, true, "Europe", List.of("Europe"))).orElseThrow();
        assertThat(refusal.partnerCenterCodes()).containsExactly("2204", "800016");
    }

    @Test
    void anInactiveProgramIsRefusedWith800039BeforeTheRegionIsCompared() {
        assertThat(verify("5123456", new Reseller(true, false, "Asia", List.of())))
                .get().extracting(Refusal::code).isEqualTo("800039");
    }

    @Test
    void anotherRegionIsRefusedWith2201NamingBothRegions() {
        Refusal refusal = verify("5123456", new Reseller(true, true, "Asia", List.of("Asia"))).orElseThrow();
        assertThat(refusal.code()).isEqualTo("2201");
        assertThat(refusal.message()).contains("Asia").contains("Europe");
    }

    @Test
    void aMissingMpaForTheProvidersRegionIsRefusedWith2203And900123() {
        Refusal refusal = verify("5123456", new Reseller(true, true, "Europe", List.of("Asia"))).orElseThrow();
        assertThat(refusal.partnerCenterCodes()).containsExactly("2203", "900123");
    }

    @Test
    void aVerifiedIdIsNoPartnerOfRecordWithoutAnActivePartnership() {
        assertThat(PartnerIdRules.partnerOfRecord("5123456", CONTOSO, Optional.of(ELIGIBLE), false))
                .get().extracting(Refusal::code).isEqualTo(PartnerIdRules.NOT_PARTNERED);
    }

    @Test
    void aFailedPartnerCenterCheckComesBeforeTheMissingPartnership() {
        assertThat(PartnerIdRules.partnerOfRecord("4847383", CONTOSO, Optional.of(ELIGIBLE), false))
                .get().extracting(Refusal::code).isEqualTo("2072");
    }
}
