package com.cspchannel.rules.catalogue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfferCatalogueTest {

    @Test
    void everyUpgradeTargetIsAnOfferOfTheCatalogue() {
        assertThat(OfferCatalogue.all()).allSatisfy(offer -> assertThat(offer.upgradeTargets())
                .allSatisfy(target -> assertThat(OfferCatalogue.find(target)).isPresent()));
    }

    @Test
    void quantitiesOutsideAnOffersRangeAreNotAllowed() {
        Offer basic = OfferCatalogue.find("CFQ7TTC0LH18:0001").orElseThrow();
        assertThat(basic.allowsQuantity(0)).isFalse();
        assertThat(basic.allowsQuantity(1)).isTrue();
        assertThat(basic.allowsQuantity(300)).isTrue();
        assertThat(basic.allowsQuantity(301)).isFalse();
        assertThat(OfferCatalogue.find("DZH318Z0BPS6:0001").orElseThrow().azurePlan()).isTrue();
        assertThat(OfferCatalogue.find("nope")).isEmpty();
    }
}
