package com.cspchannel.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How request bodies and parameters are read: strictly, so that a typo or a wrong type is a 400 naming the field
 * instead of a silently different outcome or a database error. Refused: an unknown field
 * ({@code associatedPartnerID} for {@code associatedPartnerId}), a key given twice, a number where text belongs or
 * text where a number belongs, a fraction where a whole number belongs, an enum given by its position, text with
 * control characters (PostgreSQL cannot store NUL), a UUID not in its canonical 8-4-4-4-12 form or the nil UUID,
 * and an instant outside the years 1 to 9999. Partner Center's envelope fields ({@code attributes},
 * {@code links}) are accepted and ignored. Only the HTTP layer reads this way: the event store and the Kafka
 * codec keep their own, tolerant readers, so that stored events stay readable.
 */
public final class StrictJson {

    private static final Set<String> ENVELOPE_FIELDS = Set.of("attributes", "links");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StrictJson() {
    }

    public static ObjectMapper of(ObjectMapper base) {
        ObjectMapper strict = base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addHandler(new DeserializationProblemHandler() {
                    @Override
                    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                         JsonDeserializer<?> deserializer, Object bean,
                                                         String propertyName) throws IOException {
                        if (ENVELOPE_FIELDS.contains(propertyName)) {
                            parser.skipChildren();
                            return true;
                        }
                        return false;
                    }
                })
                .registerModule(new SimpleModule("strict-scalars")
                        .addDeserializer(String.class, new Checked<>(String.class, StrictJson::text))
                        .addDeserializer(UUID.class, new Checked<>(UUID.class, StrictJson::uuid)));
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return strict;
    }

    /** A UUID path or query parameter: canonical form only, never the nil UUID. */
    public static UUID uuid(String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UUID in canonical form (8-4-4-4-12 hexadecimal digits)");
        }
        UUID uuid = UUID.fromString(value);
        if (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0) {
            throw new IllegalArgumentException("the nil UUID names nothing");
        }
        return uuid;
    }

    /** An instant parameter: ISO-8601, within the years 1 to 9999 (what the database can store). */
    public static Instant instant(String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("outside the years 1 to 9999");
        }
        return instant;
    }

    /** Text without control characters (tab, line feed and carriage return are text). */
    public static String text(String value) {
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException("control character in text");
        }
        return value;
    }

    /** A JSON string read as text and checked (and turned into its type) by {@code check}. */
    private static final class Checked<T> extends StdScalarDeserializer<T> {

        private final transient Function<String, T> check;

        Checked(Class<T> type, Function<String, T> check) {
            super(type);
            this.check = check;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            try {
                return check.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException(parser, e.getMessage(), value, handledType());
            }
        }
    }
}
