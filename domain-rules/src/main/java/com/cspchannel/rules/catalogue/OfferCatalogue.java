package com.cspchannel.rules.catalogue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers of the CSP catalogue this system sells: reference data shared by the customer and subscription
 * services, so that both validate orders the same way. Offer ids follow Partner Center's product/SKU form.
 */
public final class OfferCatalogue {

    private static final Map<String, Offer> OFFERS = new LinkedHashMap<>();

    static {
        add(new Offer("CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", 1, 300,
                List.of("CFQ7TTC0LDPB:0001", "CFQ7TTC0LCHC:0002"), false));
        add(new Offer("CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard", 1, 300,
                List.of("CFQ7TTC0LCHC:0002"), false));
        add(new Offer("CFQ7TTC0LCHC:0002", "Microsoft 365 Business Premium", 1, 300, List.of("CFQ7TTC0LFLZ:0002"),
                false));
        add(new Offer("CFQ7TTC0LFLZ:0002", "Microsoft 365 E3", 1, 50000, List.of("CFQ7TTC0LFK5:0002"), false));
        add(new Offer("CFQ7TTC0LFK5:0002", "Microsoft 365 E5", 1, 50000, List.of(), false));
        add(new Offer("CFQ7TTC0LHXM:0001", "Microsoft Teams Essentials", 1, 300, List.of(), false));
        add(new Offer("DZH318Z0BPS6:0001", "Azure plan", 1, 1, List.of(), true));
    }

    private OfferCatalogue() {
    }

    private static void add(Offer offer) {
        OFFERS.put(offer.offerId(), offer);
    }

    public static Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offerId == null ? null : OFFERS.get(offerId));
    }

    public static Collection<Offer> all() {
        return OFFERS.values();
    }
}
