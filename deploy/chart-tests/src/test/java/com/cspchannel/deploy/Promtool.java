package com.cspchannel.deploy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' promtool: $PROMTOOL, where .ci/run extracts it (from Debian's prometheus package), or on the PATH.
 * Without it the tests that need it are skipped on a developer machine, and fail in CI: wherever the variable CI is
 * set to anything but {@code false} or {@code 0} (CI services set it to {@code true}, {@code 1}, {@code yes}, or
 * their own name), so that a CI run cannot pass by skipping them.
 */
final class Promtool {

    static final String HOW_TO_GET = "promtool not found: set PROMTOOL to its path or put it on the PATH, e.g. "
            + "(cd /tmp && apt-get download prometheus && dpkg-deb -x prometheus_*.deb /tmp/prometheus) && "
            + "export PROMTOOL=/tmp/prometheus/usr/bin/promtool (what .ci/run does)";

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path find() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        Path cached = Path.of("/var/cache/csp-channel/prometheus/usr/bin/promtool"); // where .ci/run extracts it
        if (Files.isExecutable(cached)) {
            return cached;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String detail = configured == null || configured.isBlank() ? "" : " (PROMTOOL=" + configured + " is not executable)";
        if (inCi(System.getenv("CI"))) {
            return Assertions.fail(HOW_TO_GET + detail + " (CI=" + System.getenv("CI") + ")");
        }
        Assumptions.abort(HOW_TO_GET + detail);
        return null;
    }

    /** Whether the environment variable CI, with this value (null: not set), says that this is a CI run. */
    static boolean inCi(String ci) {
        if (ci == null) {
            return false;
        }
        String value = ci.strip();
        return !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    /**
     * Lets promtool parse PromQL expressions that are not in a rule file (the dashboard's queries): each becomes a
     * recording rule of a temporary rule file, which {@code promtool check rules} parses as Prometheus would.
     */
    static Result checkExpressions(Path directory, List<String> expressions) throws IOException, InterruptedException {
        List<Map<String, String>> rules = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            rules.add(Map.of("record", "expression_" + (i + 1), "expr", expressions.get(i)));
        }
        Path file = directory.resolve("expressions.rules.yaml");
        Manifest.YAML.writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "expressions", "rules", rules))));
        return run(directory, "check", "rules", file.toString());
    }

    /** {@code promtool check metrics} on a scrape (the text exposition format), which it reads from stdin. */
    static Result checkMetrics(Path workingDirectory, Path scrape) throws IOException, InterruptedException {
        return run(workingDirectory, scrape, "check", "metrics");
    }

    static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return run(workingDirectory, null, args);
    }

    private static Result run(Path workingDirectory, Path stdin, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
