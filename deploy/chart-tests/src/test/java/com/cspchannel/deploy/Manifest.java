package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One rendered document: the template it came from, its YAML text and its tree. */
record Manifest(String source, String yaml, ObjectNode tree) {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$", Pattern.MULTILINE);

    String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    String kind() {
        return tree.path("kind").asText("");
    }

    String name() {
        return tree.path("metadata").path("name").asText("");
    }

    String id() {
        return kind() + "/" + name() + " (" + source + ")";
    }

    /** Splits Helm's output (documents separated by "---") and parses each non-empty document. */
    static List<Manifest> parseAll(String rendered) {
        List<Manifest> manifests = new ArrayList<>();
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            Matcher source = SOURCE.matcher(doc);
            String from = source.find() ? source.group(1) : "?";
            JsonNode tree;
            try {
                tree = YAML.readTree(doc);
            } catch (IOException e) {
                throw new UncheckedIOException("not YAML: " + from + "\n" + doc, e);
            }
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                continue;
            }
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + from + "\n" + doc);
            }
            manifests.add(new Manifest(from, doc, object));
        }
        return manifests;
    }
}
