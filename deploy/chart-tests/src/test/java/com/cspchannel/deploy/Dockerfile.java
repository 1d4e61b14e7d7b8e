package com.cspchannel.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile's instructions, by stage. Java has no maintained Dockerfile parser, and the tests look at little:
 * the instructions (continued lines joined, comments dropped), their leading flags, exec-form arguments, ENV pairs
 * and the ARG defaults of the base images. That is all this reads.
 */
final class Dockerfile {

    private static final Pattern CONTINUATION = Pattern.compile("\\\\[ \\t]*\\R");
    private static final Pattern INSTRUCTION = Pattern.compile("(\\w+)\\s+((?:--[\\w-]+(?:=\\S*)?\\s+)*)(.*)");
    private static final Pattern FLAG = Pattern.compile("--([\\w-]+)(?:=(\\S*))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)");

    /** One instruction: its keyword, its leading {@code --name=value} flags and the arguments after them. */
    record Instruction(String keyword, Map<String, String> flags, String arguments) {

        /** An exec-form (JSON array) argument list, of ENTRYPOINT or of HEALTHCHECK's CMD. */
        List<String> execForm() {
            String json = keyword.equals("HEALTHCHECK") ? arguments.replaceFirst("^CMD\\s+", "") : arguments;
            try {
                return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new IllegalStateException("not in exec form: " + this, e);
            }
        }
    }

    record Stage(String image, String alias, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    /** ARGs before the first FROM: their defaults name the base images. */
    final Map<String, String> globalArgs = new LinkedHashMap<>();
    final List<Stage> stages = new ArrayList<>();

    static Dockerfile parse(Path file) {
        String text;
        try {
            text = CONTINUATION.matcher(Files.readString(file)).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dockerfile dockerfile = new Dockerfile();
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = INSTRUCTION.matcher(line.strip());
            if (!matcher.matches()) {
                throw new IllegalStateException("not an instruction: " + line);
            }
            Map<String, String> flags = new LinkedHashMap<>();
            FLAG.matcher(matcher.group(2)).results().forEach(flag -> flags.put(flag.group(1), Objects.toString(flag.group(2), "")));
            Instruction instruction = new Instruction(matcher.group(1).toUpperCase(), flags, matcher.group(3).trim());
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                dockerfile.stages.add(new Stage(from[0], from.length == 3 ? from[2] : null, new ArrayList<>()));
            } else if (dockerfile.stages.isEmpty()) {
                String[] arg = instruction.arguments().split("=", 2);
                dockerfile.globalArgs.put(arg[0], arg.length > 1 ? arg[1] : null);
            } else {
                dockerfile.stages.get(dockerfile.stages.size() - 1).instructions().add(instruction);
            }
        }
        return dockerfile;
    }

    /** The base image of a stage, with the global ARG defaults substituted. */
    String image(Stage stage) {
        return substitute(stage.image(), globalArgs);
    }

    Stage stage(String alias) {
        return stages.stream().filter(s -> alias.equals(s.alias())).findFirst().orElseThrow();
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** {@code $NAME} and {@code ${NAME}} replaced by their values (empty when unset, as Docker does). */
    static String substitute(String text, Map<String, String> variables) {
        return VARIABLE.matcher(text).replaceAll(variable -> Matcher.quoteReplacement(Objects.toString(
                variables.get(variable.group(1) != null ? variable.group(1) : variable.group(2)), "")));
    }

    /** ENV arguments: {@code A=1 B="x y"} (quotes removed). */
    static Map<String, String> envPairs(String arguments) {
        Map<String, String> pairs = new LinkedHashMap<>();
        ENV_PAIR.matcher(arguments).results().forEach(pair ->
                pairs.put(pair.group(1), pair.group(3) != null ? pair.group(3) : pair.group(2)));
        return pairs;
    }
}
