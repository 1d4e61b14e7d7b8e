package com.cspchannel.rules.catalogue;

import java.util.List;

/**
 * An offer customers can subscribe to.
 *
 * @param minQuantity    fewest licenses a subscription may hold
 * @param maxQuantity    most licenses a subscription may hold
 * @param upgradeTargets offers a subscription of this offer may be upgraded to
 * @param azurePlan      an Azure plan (its reseller may be given tenant-owner rights)
 */
public record Offer(String offerId, String name, int minQuantity, int maxQuantity, List<String> upgradeTargets,
                    boolean azurePlan) {

    public Offer {
        upgradeTargets = List.copyOf(upgradeTargets);
    }

    public boolean allowsQuantity(int quantity) {
        return quantity >= minQuantity && quantity <= maxQuantity;
    }
}
