package com.cspchannel.notification.catalogue;

/** Who a notification goes to: a provider (its profile's contact) or a reseller (its directory contact). */
public enum RecipientKind {
    provider, reseller
}
