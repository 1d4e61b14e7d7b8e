package com.cspchannel.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The JSON form of public events. Field names are the record components (camelCase, as Partner Center
 * names them), instants are ISO-8601 strings, absent optional values are omitted, and unknown fields are
 * ignored when reading so that adding a field is a compatible change.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private EventCodec() {
    }

    /** Applies the contract's JSON settings to a mapper builder (used by services that share the mapper). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(PublicEvent event) {
        EventCatalog.of(event);
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads an event of the given published type name; fails for unknown types or invalid JSON. */
    public static PublicEvent decode(String typeName, byte[] json) {
        EventType type = EventCatalog.byName(typeName)
                .orElseThrow(() -> new UnknownEventTypeException(typeName));
        try {
            return MAPPER.readValue(json, type.javaType());
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON for " + typeName + ": " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }


    /** Thrown when a record carries a type this version of the contract does not know. */
    public static final class UnknownEventTypeException extends IllegalArgumentException {
        public UnknownEventTypeException(String typeName) {
            super("unknown event type: " + typeName);
        }
    }
}
