package com.cspchannel.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the stack keeps its state: {@code <repo>/.local} with the Kafka and embedded PostgreSQL data, the logs
 * and the tokens; and how it names those files to the user (relative to the repository when run from there).
 */
final class StackDirectory {

    /** The line a service's log gets before each start: the tail shown on a failure begins after the last one. */
    static final String START_MARK = "==== local stack: starting";

    final Path root;
    final Path state;
    final Path logs;

    StackDirectory(Path root) {
        this.root = root;
        this.state = root.resolve(".local");
        this.logs = state.resolve("logs");
    }

    /** The nearest directory upwards from the working directory that holds {@code mvnw}. */
    static Path repoRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return start;
    }

    Path logOf(ServiceSpec service) {
        return logs.resolve(service.name() + ".log");
    }

    Path stackLog() {
        return logs.resolve("local-stack.log");
    }

    Path tokens() {
        return state.resolve("tokens.env");
    }

    String display(Path path) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        return cwd.equals(root) && path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    /** A link in the logs directory to a log kept elsewhere (the broker's, in its data directory). */
    void linkLog(String name, Path target) {
        Path link = logs.resolve(name);
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, logs.relativize(target));
        } catch (IOException | UnsupportedOperationException e) {
            // not important: the banner names the real file
        }
    }

    /** The last lines of a log, from its last start on. */
    static List<String> lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int start = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(START_MARK)) {
                    start = i + 1;
                    break;
                }
            }
            return lines.subList(Math.max(start, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read: " + e.getMessage() + ")");
        }
    }

    static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StartupFailure("--clean: cannot delete " + path + ": " + e.getMessage());
        }
    }
}
