package com.cspchannel.events.subscription;

/** Why (part of) an order was rejected: the field, a stable code (Partner Center's where one exists), a message. */
public record RejectionReason(String field, String code, String message) {
}
