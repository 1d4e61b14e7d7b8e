package com.cspchannel.platform.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly's OpenAPI linter ({@code @redocly/cli lint} with its {@code recommended} ruleset), installed with npm on
 * first use into a cache directory that all modules share ({@code REDOCLY_HOME}, else
 * {@code ~/.cache/csp-channel/redocly-cli-<version>}): {@link #VERSION} where Node.js runs it (20.19 or newer), else
 * {@link #VERSION_FOR_NODE_18} (Debian 12's Node.js). Without node and npm the lint is skipped on a developer machine
 * and fails in CI (the variable CI set to anything but {@code false} or {@code 0}), so that a CI run cannot pass by
 * skipping it.
 */
public final class OpenApiLinter {

    /** Pinned, so that a new rule in a later release cannot fail a build that changed nothing. */
    public static final String VERSION = "2.77.0";
    /** The last release line that runs on Node.js 18; its recommended rules pass the same documents. */
    public static final String VERSION_FOR_NODE_18 = "1.34.5";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOW_TO_GET = "node and npm are needed to lint the OpenAPI documents with "
            + "@redocly/cli: install Node.js, e.g. apt-get install nodejs npm (what .ci/run does)";

    /** One finding of the linter: the rule, its severity, where in the document and what it says. */
    public record Finding(String rule, String severity, String pointer, String message) {
        @Override
        public String toString() {
            return severity + " " + rule + " at " + pointer + ": " + message;
        }
    }

    private OpenApiLinter() {
    }

    /** Lints {@code document} (OpenAPI JSON or YAML) with the recommended rules; every error and warning found. */
    public static List<Finding> lint(Path document) throws IOException, InterruptedException {
        Path cli = install();
        Path report = document.resolveSibling(document.getFileName() + ".lint.json");
        Files.deleteIfExists(report);
        Path output = document.resolveSibling(document.getFileName() + ".lint.log");
        ProcessBuilder lint = new ProcessBuilder(cli.toString(), "lint", document.toString(), "--extends=recommended",
                "--format=json", "--max-problems=1000")
                .directory(document.getParent().toFile())
                .redirectErrorStream(false)
                .redirectOutput(report.toFile())
                .redirectError(output.toFile());
        quiet(lint);
        Process process = lint.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return Assertions.fail("redocly lint did not finish within 3 minutes; its output: " + output);
        }
        String text = Files.readString(report, StandardCharsets.UTF_8);
        int start = text.indexOf('{');
        if (start < 0) {
            return Assertions.fail("redocly lint wrote no report (exit " + process.exitValue() + "): "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        JsonNode result = JSON.readTree(text.substring(start));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode problem : result.path("problems")) {
            if (problem.path("ignored").asBoolean(false)) {
                continue;
            }
            JsonNode location = problem.path("location").path(0);
            findings.add(new Finding(problem.path("ruleId").asText(), problem.path("severity").asText(),
                    location.path("pointer").asText(""), problem.path("message").asText()));
        }
        return findings;
    }

    /** The CLI's executable, installed with npm into the shared cache directory unless it is there already. */
    static Path install() throws IOException, InterruptedException {
        Path npm = onPath("npm");
        Path node = onPath("node");
        if (npm == null || node == null) {
            if (inCi(System.getenv("CI"))) {
                return Assertions.fail(HOW_TO_GET + " (CI=" + System.getenv("CI") + ")");
            }
            Assumptions.abort(HOW_TO_GET);
        }
        String version = runsRelease2(nodeVersion(node)) ? VERSION : VERSION_FOR_NODE_18;
        String configured = System.getenv("REDOCLY_HOME");
        Path home = configured != null && !configured.isBlank() ? Path.of(configured, version)
                : Path.of(System.getProperty("user.home"), ".cache", "csp-channel", "redocly-cli-" + version);
        Path cli = home.resolve("node_modules").resolve(".bin").resolve("redocly");
        if (Files.isExecutable(cli)) {
            return cli;
        }
        Files.createDirectories(home);
        // modules may lint at the same time (mvn -T): one installs, the others wait for it
        try (RandomAccessFile lockFile = new RandomAccessFile(home.resolve(".install.lock").toFile(), "rw");
             FileLock ignored = lockFile.getChannel().lock()) {
            if (Files.isExecutable(cli)) {
                return cli;
            }
            Path log = home.resolve("npm-install.log");
            ProcessBuilder install = new ProcessBuilder(npm.toString(), "install", "--prefix", home.toString(),
                    "--no-audit", "--no-fund", "--no-save", "--loglevel=error", "@redocly/cli@" + version)
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            quiet(install);
            Process process = install.start();
            boolean done = process.waitFor(10, TimeUnit.MINUTES);
            if (!done || process.exitValue() != 0 || !Files.isExecutable(cli)) {
                process.destroyForcibly();
                return Assertions.fail("npm could not install @redocly/cli@" + version + " into " + home + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return cli;
        }
    }

    /** Whether Node.js {@code version} ({@code v20.19.0}) runs Redocly CLI 2 (its engines: 20.19+, 22.12+). */
    static boolean runsRelease2(String version) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(version);
        if (!matcher.find()) {
            return true;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        return major >= 23 || major == 22 && minor >= 12 || major == 20 && minor >= 19;
    }

    private static String nodeVersion(Path node) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(30, TimeUnit.SECONDS);
        return version;
    }

    /** No telemetry and no update check: a test run talks to no one but npm's registry, once. */
    private static void quiet(ProcessBuilder process) {
        process.environment().put("REDOCLY_TELEMETRY", "off");
        process.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    }

    /** Whether the environment variable CI, with this value (null: not set), says that this is a CI run. */
    static boolean inCi(String ci) {
        if (ci == null) {
            return false;
        }
        String value = ci.strip();
        return !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
