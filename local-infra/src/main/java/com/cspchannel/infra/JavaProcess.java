package com.cspchannel.infra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Launches a Java main class in a child JVM with this JVM's class path; output goes to a log file. */
final class JavaProcess {

    private JavaProcess() {
    }

    /** The class path of this JVM, also under Surefire (which hides it in a manifest-only jar). */
    static String currentClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        return System.getProperty("java.class.path");
    }

    /** Ends a process with SIGTERM (or SIGKILL when {@code forcibly}), and with SIGKILL if it lingers. */
    static void terminate(Process process, boolean forcibly, java.time.Duration grace) {
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Process start(String mainClass, List<String> jvmArgs, List<String> args, Map<String, String> env,
                         Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(currentClassPath());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        File logFile = log.toFile();
        logFile.getParentFile().mkdirs();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile));
        return builder.start();
    }
}
