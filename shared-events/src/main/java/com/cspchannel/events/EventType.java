package com.cspchannel.events;

import java.util.Objects;

/**
 * The published name of an event type, e.g. {@code partnership.PartnershipAccepted.v1}: the CloudEvents
 * {@code type} attribute and the name of its JSON Schema ({@code schemas/<name>.schema.json}).
 */
public record EventType(String domain, Class<? extends PublicEvent> javaType, int version) {

    public EventType {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(javaType, "javaType");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    public String name() {
        return domain + "." + javaType.getSimpleName() + ".v" + version;
    }

    /** The schema's {@code $id}, also sent as the CloudEvents {@code dataschema} attribute. */
    public String schemaId() {
        return "urn:csp-channel:schema:" + name();
    }

    public String schemaResource() {
        return "schemas/" + name() + ".schema.json";
    }
}
