package com.cspchannel.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image's file system, built into a directory by running the Dockerfile's steps. There is no Docker engine on
 * the build machines: this runs the same steps on the same jar, so that the image's layout and start are tested.
 * It knows the instructions the Dockerfile uses and refuses the others. RUN is executed when it runs {@code java}
 * (this JVM's); user and group creation is recorded, not executed (it needs root and does not change what the
 * image runs).
 */
final class ImageBuild {

    /** The image a build produced: its file system and how it starts. */
    record Image(Path root, String workdir, Map<String, String> env, String user, List<String> entrypoint,
                 List<String> healthcheck, List<String> skippedCommands) {

        Path workingDirectory() {
            return root.resolve(workdir.substring(1));
        }
    }

    private ImageBuild() {
    }

    /** Builds every stage into {@code output}/stage-N, with {@code context} as the build context. */
    static Image build(Dockerfile dockerfile, Path context, Map<String, String> buildArgs, Path output)
            throws IOException, InterruptedException {
        Map<String, Path> stageRoots = new LinkedHashMap<>();
        Image image = null;
        for (Dockerfile.Stage stage : dockerfile.stages) {
            Path root = Files.createDirectories(output.resolve("stage-" + stageRoots.size()));
            stageRoots.put(stage.alias() == null ? "stage-" + stageRoots.size() : stage.alias(), root);
            // the build arguments, then the environment: what $NAME means in the stage's instructions
            Map<String, String> variables = new LinkedHashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            String workdir = "/";
            String user = "root";
            List<String> entrypoint = List.of();
            List<String> healthcheck = List.of();
            List<String> skipped = new ArrayList<>();
            for (Dockerfile.Instruction instruction : stage.instructions()) {
                String arguments = Dockerfile.substitute(instruction.arguments(), variables);
                switch (instruction.keyword()) {
                    case "ARG" -> {
                        String[] arg = instruction.arguments().split("=", 2);
                        variables.put(arg[0], buildArgs.containsKey(arg[0]) ? buildArgs.get(arg[0])
                                : arg.length > 1 ? Dockerfile.substitute(arg[1], variables) : dockerfile.globalArgs.get(arg[0]));
                    }
                    case "ENV" -> {
                        env.putAll(Dockerfile.envPairs(arguments));
                        variables.putAll(env);
                    }
                    case "WORKDIR" -> {
                        workdir = arguments.startsWith("/") ? arguments : workdir + "/" + arguments;
                        Files.createDirectories(root.resolve(workdir.substring(1)));
                    }
                    case "USER" -> user = arguments;
                    case "ENTRYPOINT" -> entrypoint = instruction.execForm();
                    case "HEALTHCHECK" -> healthcheck = instruction.execForm();
                    case "COPY" -> {
                        String from = instruction.flags().get("from");
                        copy(from == null ? context : stageRoots.get(from), from == null, arguments, root, workdir);
                    }
                    case "RUN" -> {
                        if (arguments.startsWith("groupadd ") || arguments.startsWith("useradd ")) {
                            skipped.add(arguments);
                        } else {
                            run(arguments, root.resolve(workdir.substring(1)), env);
                        }
                    }
                    case "LABEL", "EXPOSE", "STOPSIGNAL" -> {
                    }
                    default -> throw new IllegalStateException("the build does not support " + instruction);
                }
            }
            image = new Image(root, workdir, env, user, entrypoint, healthcheck, skipped);
        }
        return image;
    }

    /**
     * COPY of one source to one destination (relative to the working directory): a file of the build context
     * (a glob that matches one file), or a directory of an earlier stage whose contents are copied.
     */
    private static void copy(Path sourceRoot, boolean fromContext, String arguments, Path root, String workdir)
            throws IOException {
        String[] paths = arguments.split("\\s+");
        if (paths.length != 2 || sourceRoot == null) {
            throw new IllegalStateException("the build copies one source to one destination of a known stage: " + arguments);
        }
        String destination = paths[1].startsWith("/") ? paths[1] : workdir + "/" + paths[1];
        Path target = root.resolve(destination.substring(1)).normalize();
        if (fromContext) {
            Path pattern = sourceRoot.resolve(paths[0]);
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
            List<Path> matches;
            try (Stream<Path> files = Files.list(pattern.getParent())) {
                matches = files.filter(f -> glob.matches(f.getFileName())).toList();
            }
            if (matches.size() != 1) {
                throw new IllegalStateException(paths[0] + " matches " + matches + " in the build context");
            }
            Files.createDirectories(target.getParent());
            Files.copy(matches.get(0), target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path directory = sourceRoot.resolve(paths[0].substring(1)).normalize();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(directory.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void run(String command, Path directory, Map<String, String> env) throws IOException, InterruptedException {
        List<String> args = List.of(command.trim().split("\\s+"));
        if (command.matches(".*[;&|<>`$()].*") || !args.get(0).equals("java")) {
            throw new IllegalStateException("the build runs plain java commands only: " + command);
        }
        List<String> java = new ArrayList<>(args);
        java.set(0, javaExecutable());
        ProcessBuilder builder = new ProcessBuilder(java).directory(directory.toFile()).redirectErrorStream(true);
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
