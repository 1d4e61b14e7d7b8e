package com.cspchannel.notification.directory;

import com.cspchannel.notification.catalogue.RecipientKind;

import java.util.UUID;

/** A provider or reseller as a recipient: its name, contact address and preferred language (may be null). */
public record Recipient(RecipientKind kind, UUID tenantId, String name, String email, String language) {
}
