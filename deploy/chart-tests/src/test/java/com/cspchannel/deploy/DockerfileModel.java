package com.cspchannel.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Dockerfile, parsed; and a small interpreter of the subset it uses (ARG, FROM, WORKDIR, COPY, RUN of
 * {@code java}, ENV, USER, ENTRYPOINT, HEALTHCHECK) that builds the image's file system into a directory. There is no
 * Docker engine on the build machines: this runs the same steps on the same jar, so the image layout is tested.
 */
final class DockerfileModel {

    record Instruction(int line, String keyword, String arguments) {

        /** Leading {@code --name=value} flags. */
        Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            for (String token : arguments.split("\\s+")) {
                if (!token.startsWith("--")) {
                    break;
                }
                String[] pair = token.substring(2).split("=", 2);
                flags.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
            return flags;
        }

        /** The arguments after the flags. */
        String rest() {
            String rest = arguments;
            while (rest.startsWith("--")) {
                int space = rest.indexOf(' ');
                rest = space < 0 ? "" : rest.substring(space + 1).trim();
            }
            return rest;
        }

        /** An exec-form (JSON array) argument list, e.g. of ENTRYPOINT or HEALTHCHECK CMD. */
        List<String> execForm() {
            String json = rest();
            if (keyword.equals("HEALTHCHECK")) {
                if (!json.startsWith("CMD ")) {
                    throw new IllegalStateException("HEALTHCHECK without CMD: " + this);
                }
                json = json.substring(4).trim();
            }
            if (!json.startsWith("[")) {
                throw new IllegalStateException("not in exec form: " + this);
            }
            try {
                return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new IllegalStateException("invalid JSON array in " + this, e);
            }
        }
    }

    record Stage(String image, String alias, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    /** The image a build produced: its file system and how it starts. */
    record Image(Path root, String workdir, Map<String, String> env, String user, List<String> entrypoint,
                 List<String> healthcheck, List<String> skippedCommands) {

        Path workingDirectory() {
            return root.resolve(workdir.substring(1));
        }
    }

    final Map<String, String> globalArgs = new LinkedHashMap<>();
    final List<Stage> stages = new ArrayList<>();

    static DockerfileModel parse(Path dockerfile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DockerfileModel model = new DockerfileModel();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("#") || (line.isBlank() && pending.isEmpty())) {
                continue;
            }
            if (pending.isEmpty()) {
                start = i + 1;
            }
            String trimmed = line.strip();
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().trim();
            pending.setLength(0);
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(start, parts[0].toUpperCase(), parts.length > 1 ? parts[1].trim() : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                current = new ArrayList<>();
                model.stages.add(new Stage(from[0], from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null, current));
            } else if (current == null) {
                if (!instruction.keyword().equals("ARG")) {
                    throw new IllegalStateException("only ARG may come before FROM: " + instruction);
                }
                String[] arg = instruction.arguments().split("=", 2);
                model.globalArgs.put(arg[0], arg.length > 1 ? arg[1] : null);
            } else {
                current.add(instruction);
            }
        }
        return model;
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

    static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = variables.get(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** ENV arguments: {@code A=1 B="x y"} (quotes removed). */
    static Map<String, String> envPairs(String arguments) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)").matcher(arguments);
        while (matcher.find()) {
            pairs.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        return pairs;
    }

    /**
     * Builds every stage into {@code output}/stage-N, with {@code context} as the build context. RUN is executed
     * when it runs {@code java} (with this JVM's java); user and group creation is recorded, not executed (it needs
     * root and does not change what the image runs).
     */
    Image build(Path context, Map<String, String> buildArgs, Path output) throws IOException, InterruptedException {
        Map<String, Path> roots = new LinkedHashMap<>();
        Image image = null;
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            Path root = Files.createDirectories(output.resolve("stage-" + s));
            if (stage.alias() != null) {
                roots.put(stage.alias(), root);
            }
            Map<String, String> variables = new LinkedHashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            String workdir = "/";
            String user = "root";
            List<String> entrypoint = List.of();
            List<String> healthcheck = List.of();
            List<String> skipped = new ArrayList<>();
            for (Instruction instruction : stage.instructions()) {
                switch (instruction.keyword()) {
                    case "ARG" -> {
                        String[] arg = instruction.arguments().split("=", 2);
                        String value = buildArgs.containsKey(arg[0]) ? buildArgs.get(arg[0])
                                : arg.length > 1 ? substitute(arg[1], variables) : globalArgs.get(arg[0]);
                        variables.put(arg[0], value);
                    }
                    case "ENV" -> envPairs(substitute(instruction.arguments(), merged(variables, env)))
                            .forEach((k, v) -> env.put(k, v));
                    case "WORKDIR" -> {
                        String dir = substitute(instruction.arguments(), merged(variables, env));
                        workdir = dir.startsWith("/") ? dir : workdir + "/" + dir;
                        Files.createDirectories(root.resolve(workdir.substring(1)));
                    }
                    case "USER" -> user = substitute(instruction.arguments(), merged(variables, env));
                    case "ENTRYPOINT" -> entrypoint = instruction.execForm();
                    case "HEALTHCHECK" -> healthcheck = instruction.execForm();
                    case "COPY" -> copy(instruction, context, roots, root, workdir, merged(variables, env));
                    case "RUN" -> {
                        String command = substitute(instruction.arguments(), merged(variables, env));
                        if (command.startsWith("groupadd ") || command.startsWith("useradd ")) {
                            skipped.add(command);
                        } else {
                            run(command, root.resolve(workdir.substring(1)), env);
                        }
                    }
                    case "LABEL", "EXPOSE", "STOPSIGNAL" -> {
                    }
                    default -> throw new IllegalStateException("the simulation does not support " + instruction);
                }
            }
            image = new Image(root, workdir, env, user, entrypoint, healthcheck, skipped);
        }
        return image;
    }

    private static Map<String, String> merged(Map<String, String> variables, Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(variables);
        merged.putAll(env);
        return merged;
    }

    private static void copy(Instruction instruction, Path context, Map<String, Path> roots, Path root, String workdir,
                             Map<String, String> variables) throws IOException {
        String from = instruction.flags().get("from");
        String[] paths = substitute(instruction.rest(), variables).split("\\s+");
        if (paths.length != 2) {
            throw new IllegalStateException("the simulation copies one source to one destination: " + instruction);
        }
        String destination = paths[1].startsWith("/") ? paths[1] : workdir + "/" + paths[1];
        Path target = root.resolve(destination.substring(1)).normalize();
        if (from != null) {
            Path source = roots.get(from);
            if (source == null) {
                throw new IllegalStateException("no stage " + from + ": " + instruction);
            }
            Path directory = source.resolve(paths[0].substring(1)).normalize();
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException(directory + " does not exist in stage " + from + ": " + instruction);
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(directory.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return;
        }
        Path pattern = context.resolve(paths[0]);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        List<Path> matches;
        try (Stream<Path> files = Files.list(pattern.getParent())) {
            matches = files.filter(f -> matcher.matches(f.getFileName())).toList();
        }
        if (matches.size() != 1) {
            throw new IllegalStateException(paths[0] + " matches " + matches + " in the build context: " + instruction);
        }
        Files.createDirectories(target.getParent());
        Files.copy(matches.get(0), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void run(String command, Path directory, Map<String, String> env) throws IOException, InterruptedException {
        if (command.matches(".*[;&|<>`$()].*")) {
            throw new IllegalStateException("the simulation runs plain commands only: " + command);
        }
        List<String> args = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
        if (!args.get(0).equals("java")) {
            throw new IllegalStateException("the simulation runs java only: " + command);
        }
        args.set(0, javaExecutable());
        ProcessBuilder builder = new ProcessBuilder(args).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("RUN " + command + " failed:\n" + output);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
