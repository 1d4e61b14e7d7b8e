package com.cspchannel.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * CloudEvents 1.0 attributes in Kafka binary content mode: each attribute is a record header named
 * {@code ce_<attribute>} with a UTF-8 value, the event data is the record value, its media type in
 * {@code content-type}. Any Kafka client can read these without our code.
 *
 * <p>One optional extension attribute: {@code reassignmentjobid}, the bulk reassignment job whose command recorded
 * the event (null for every other event). The job's moves are the ordinary events of each change, so this is the
 * only way a consumer can tell them from a single change (notification-service sends one summary per job instead of
 * one message per item). CloudEvents extension names are lowercase letters and digits only.
 */
public record CloudEventHeaders(String id, String source, String type, Instant time, String subject,
                                String reassignmentJobId) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String H_SPEC_VERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_DATA_SCHEMA = "ce_dataschema";
    public static final String H_CONTENT_TYPE = "content-type";
    /** Extension attribute {@code reassignmentjobid}: the reassignment job that moved the item, when one did. */
    public static final String H_REASSIGNMENT_JOB_ID = "ce_reassignmentjobid";

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
    }

    /** The attributes of an event no reassignment job recorded. */
    public CloudEventHeaders(String id, String source, String type, Instant time, String subject) {
        this(id, source, type, time, subject, null);
    }

    /** The headers of a public event published by {@code source} for the aggregate {@code subject}. */
    public static CloudEventHeaders of(PublicEvent event, String source, String subject) {
        return new CloudEventHeaders(event.eventId().toString(), source, EventCatalog.of(event).name(),
                event.occurredAt(), subject);
    }

    /** These attributes with the reassignment job that recorded the event (null: none). */
    public CloudEventHeaders withReassignmentJobId(String jobId) {
        return new CloudEventHeaders(id, source, type, time, subject, jobId);
    }

    /** Header names and UTF-8 values, in a stable order. */
    public Map<String, byte[]> toKafkaHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(H_SPEC_VERSION, utf8(SPEC_VERSION));
        headers.put(H_ID, utf8(id));
        headers.put(H_SOURCE, utf8(source));
        headers.put(H_TYPE, utf8(type));
        headers.put(H_TIME, utf8(time.toString()));
        headers.put(H_SUBJECT, utf8(subject));
        headers.put(H_DATA_SCHEMA, utf8(EventCatalog.byName(type).map(EventType::schemaId).orElse("")));
        headers.put(H_CONTENT_TYPE, utf8(CONTENT_TYPE));
        if (reassignmentJobId != null) {
            headers.put(H_REASSIGNMENT_JOB_ID, utf8(reassignmentJobId));
        }
        return headers;
    }

    /**
     * Reads the attributes back, {@code header} returning a header's last value or null. The extension attribute
     * is optional: null when the record has none.
     *
     * @throws IllegalArgumentException when a required attribute is missing or the spec version differs
     */
    public static CloudEventHeaders fromKafkaHeaders(Function<String, byte[]> header) {
        String specVersion = text(header, H_SPEC_VERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("unsupported CloudEvents spec version: " + specVersion);
        }
        return new CloudEventHeaders(text(header, H_ID), text(header, H_SOURCE), text(header, H_TYPE),
                Instant.parse(text(header, H_TIME)), text(header, H_SUBJECT), optionalText(header,
                H_REASSIGNMENT_JOB_ID));
    }

    private static String optionalText(Function<String, byte[]> header, String name) {
        byte[] value = header.apply(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String text(Function<String, byte[]> header, String name) {
        byte[] value = header.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
