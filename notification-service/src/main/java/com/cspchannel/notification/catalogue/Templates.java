package com.cspchannel.notification.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message texts: one plain-text template per type and language in {@code notification-templates/<lang>/},
 * a first line {@code Subject: …}, an empty line, then the body; {@code _footer.txt} is appended to every body.
 * Placeholders are {@code {name}}; a template that names a value the message does not have is an error (the
 * tests render every template), never a message with a hole in it. The words a message is put together from
 * besides its template (a reason not given, a cause, a role, an empty list) are {@code _phrases.properties},
 * per language, each language with the same keys.
 */
public final class Templates {

    public static final String DEFAULT_LANGUAGE = "en";
    /** Languages with a complete set of templates; any other recipient language gets English. */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private static final String BASE = "notification-templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private record Template(String subject, String body) {
    }

    /** A written message: subject, plain-text body, and the language it is in. */
    public record Message(String subject, String body, String language) {
    }

    private final Map<String, Template> templates;
    private final Map<String, Map<String, String>> phrases;

    private Templates(Map<String, Template> templates, Map<String, Map<String, String>> phrases) {
        this.templates = Map.copyOf(templates);
        this.phrases = Map.copyOf(phrases);
    }

    /** Reads every template from the classpath; fails when one is missing or malformed. */
    public static Templates load() {
        Map<String, Template> templates = new HashMap<>();
        Map<String, Map<String, String>> phrases = new HashMap<>();
        for (String language : LANGUAGES) {
            phrases.put(language, phrases(language));
            if (!phrases.get(language).keySet().equals(phrases.get(DEFAULT_LANGUAGE).keySet())) {
                throw new IllegalStateException(BASE + language + "/_phrases.properties must have the keys of "
                        + DEFAULT_LANGUAGE + ": " + phrases.get(DEFAULT_LANGUAGE).keySet());
            }
            String footer = read(BASE + language + "/_footer.txt");
            for (NotificationType type : NotificationType.values()) {
                String name = BASE + language + "/" + type.name() + ".txt";
                String text = read(name);
                int end = text.indexOf('\n');
                if (!text.startsWith("Subject: ") || end < 0) {
                    throw new IllegalStateException(name + " must start with a line 'Subject: …'");
                }
                String subject = text.substring("Subject: ".length(), end).strip();
                String body = text.substring(end + 1).strip() + "\n\n" + footer.strip() + "\n";
                templates.put(key(language, type), new Template(subject, body));
            }
        }
        return new Templates(templates, phrases);
    }

    /**
     * The language to write in for a recipient's preferred language ({@code de}, {@code de-DE}, {@code de_AT}):
     * its language when templates exist for it, else English.
     */
    public static String languageFor(String preferredLanguage) {
        if (preferredLanguage == null || preferredLanguage.isBlank()) {
            return DEFAULT_LANGUAGE;
        }
        String language = Locale.forLanguageTag(preferredLanguage.strip().replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
    }

    /** Names of the parties a message mentions; each answers the id as text while the name is not known. */
    public interface Names {
        String provider(UUID tenantId);

        String reseller(UUID tenantId);

        /** "Wingtip Toys (wingtip.onmicrosoft.com)". */
        String customer(UUID customerId);

        /** "Microsoft 365 Business Basic (subscription id)". */
        String subscription(UUID subscriptionId);
    }

    /**
     * Writes the message of {@code type} in {@code language} (one of {@link #LANGUAGES}) from the event's facts,
     * the recipient's name and the names of the parties the facts mention ({@code providerName},
     * {@code resellerName}, {@code customer}, {@code subscription}).
     */
    public Message render(NotificationType type, String language, String recipientName, Map<String, String> facts,
                          Names names) {
        Map<String, String> values = new HashMap<>(facts);
        values.put("recipientName", recipientName);
        named(values, "providerTenantId", "providerName", names::provider);
        named(values, "resellerTenantId", "resellerName", names::reseller);
        named(values, "customerId", "customer", names::customer);
        named(values, "subscriptionId", "subscription", names::subscription);
        if (values.containsKey("reason") && values.get("reason").isBlank()) {
            values.put("reason", phrase(language, "reason.none"));
        }
        if (values.containsKey("cause")) {
            // a cause this service has no words for yet is shown as its code rather than failing the message
            String cause = phrases.get(language).get("cause." + values.get("cause"));
            values.put("causeText", cause == null ? values.get("cause")
                    : fill(cause, values, language + "/cause." + values.get("cause")));
        }
        AffectedItems.write(values, names, key -> phrase(language, key));
        return render(type, language, values);
    }

    /** One phrase of {@code language}'s {@code _phrases.properties}. */
    String phrase(String language, String key) {
        String phrase = phrases.getOrDefault(language, Map.of()).get(key);
        if (phrase == null) {
            throw new IllegalArgumentException("no phrase " + language + "/" + key);
        }
        return phrase;
    }

    private static void named(Map<String, String> values, String idKey, String nameKey, Function<UUID, String> name) {
        String id = values.get(idKey);
        if (id != null && !id.isBlank()) {
            values.put(nameKey, name.apply(UUID.fromString(id)));
        }
    }

    /** Writes the message of {@code type} in {@code language} from exactly these values. */
    Message render(NotificationType type, String language, Map<String, String> values) {
        Template template = templates.get(key(language, type));
        if (template == null) {
            throw new IllegalArgumentException("no template " + language + "/" + type);
        }
        String where = language + "/" + type;
        // A subject is one header line: values with line breaks must not break it (or inject headers).
        String subject = fill(template.subject(), values, where, true);
        return new Message(subject, fill(template.body(), values, where, false), language);
    }

    /** {@code template}'s placeholders filled from {@code values}; one that has no value is an error. */
    static String fill(String template, Map<String, String> values, String where) {
        return fill(template, values, where, false);
    }

    private static String fill(String template, Map<String, String> values, String where, boolean oneLine) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + where + " needs {" + matcher.group(1) + "}");
            }
            if (oneLine) {
                value = value.replaceAll("[\\r\\n]+", " ");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String key(String language, NotificationType type) {
        return language + "/" + type.name();
    }

    private static Map<String, String> phrases(String language) {
        String resource = BASE + language + "/_phrases.properties";
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing phrases " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> phrases = new HashMap<>();
            properties.stringPropertyNames().forEach(key -> phrases.put(key, properties.getProperty(key).strip()));
            return phrases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
