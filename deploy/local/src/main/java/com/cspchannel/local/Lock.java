package com.cspchannel.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code .local/stack.pid}: the process id of the running stack and of the processes it started. Refuses a
 * second stack on the same state, and stops processes a previous stack left behind when it was killed
 * without a chance to stop them (kill -9): only those whose command line still points into this repository.
 */
final class Lock {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String FILE = "stack.pid";

    private Lock() {
    }

    static void acquire(Path state) throws IOException {
        Path file = state.resolve(FILE);
        Path root = state.getParent();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] parts = line.trim().split("\\s+", 3);
                if (parts.length >= 2 && parts[0].equals("stack")) {
                    // the command line may be cut at 4096 characters, before the main class: its class path
                    // starts with this repository's deploy/local/target/classes
                    Optional<ProcessHandle> other = alive(parts[1]).filter(p -> commandLine(p)
                            .contains("com.cspchannel.local.LocalStack") || commandLine(p).contains(root.toString()));
                    if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
                        throw new StartupFailure("a local stack is already running on "
                                + state + " (pid " + parts[1] + "). Stop it first: Ctrl-C in its terminal, or kill -INT "
                                + parts[1], "local stack", null);
                    }
                }
            }
            // services were started after the broker: stop them first
            for (String line : reversed(lines)) {
                String[] parts = line.trim().split("\\s+", 3);
                if (parts.length == 3 && parts[0].equals("child")) {
                    alive(parts[1]).filter(p -> commandLine(p).contains(root.toString()))
                            .ifPresent(p -> stopLeftover(p, parts[2]));
                }
            }
        }
        Files.writeString(file, "stack " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Records the children of this JVM whose command line contains {@code marker} (within its first 4096
     * characters: Linux may cut it there), e.g. the broker's data directory.
     */
    static void recordChildren(Path state, String marker, String name) {
        ProcessHandle.current().children().filter(p -> commandLine(p).contains(marker))
                .forEach(p -> recordChild(state, p.pid(), name));
    }

    static void recordChild(Path state, long pid, String name) {
        try {
            Files.writeString(state.resolve(FILE), "child " + pid + " " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot record pid {} in {}: {}", pid, state.resolve(FILE), e.getMessage());
        }
    }

    static void release(Path state) {
        try {
            Path file = state.resolve(FILE);
            if (Files.exists(file) && Files.readString(file).startsWith("stack " + ProcessHandle.current().pid()
                    + "\n")) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // the next start sees a dead pid and goes on
        }
    }

    private static void stopLeftover(ProcessHandle process, String name) {
        log.warn("stopping {} (pid {}), left running by a previous local stack that was killed", name,
                process.pid());
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static List<String> reversed(List<String> lines) {
        List<String> copy = new java.util.ArrayList<>(lines);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static Optional<ProcessHandle> alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
