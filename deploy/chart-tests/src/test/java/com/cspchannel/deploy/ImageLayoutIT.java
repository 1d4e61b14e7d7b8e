package com.cspchannel.deploy;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.infra.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image, without Docker: the Dockerfile's steps run on the partnership-service's executable jar (layers
 * extracted with the tools jar mode, copied in order), the entry point starts the service from the extracted
 * layers with the image's environment, the HEALTHCHECK command passes, and SIGTERM shuts it down gracefully.
 *
 * <p>What it does not prove: that the image builds or runs in Docker. {@code FROM} is not pulled: the steps run
 * on this machine's file system with this test JVM's {@code java} and this machine's {@code bash}, not the base
 * image's JRE and shell (a base image without {@code bash}, or with a different Java, passes here). The
 * {@code groupadd}/{@code useradd} lines are recorded, not run, and the service runs as the user running the
 * test, not as 10001:10001: only the {@code USER} line's value is checked, so file permissions for that user (the
 * read-only files, a writable {@code /tmp}) are not. Nor are the {@code COPY --from} stage boundaries, the build
 * arguments as Docker substitutes them, the labels, {@code EXPOSE}, the HEALTHCHECK's interval and retries, or
 * the image's size and layer caching. A {@code docker build} and {@code docker run} (or a cluster deploy) in the
 * release pipeline is what covers those.
 */
class ImageLayoutIT {

    @Test
    void theImageStartsPassesItsHealthCheckAndStopsGracefully(@TempDir Path work) throws Exception {
        ImageBuild.Image image = ImageBuild.build(Dockerfile.parse(ProjectPaths.dockerfile()), ProjectPaths.dockerContext(),
                Map.of("SERVICE", "partnership-service", "PORT", "8081"), work.resolve("image"));

        assertThat(image.user()).isEqualTo("10001:10001");
        assertThat(image.skippedCommands()).allMatch(c -> c.startsWith("groupadd ") || c.startsWith("useradd "));
        Path app = image.workingDirectory();
        assertThat(app.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/classes/application.properties")).isRegularFile();
        assertThat(app.resolve("BOOT-INF/lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("service-platform-"));
        assertThat(image.env()).containsEntry("PORT", "8081").containsKey("JAVA_TOOL_OPTIONS");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> database = SharedInfrastructure.freshDatabaseProperties("chart_image");
        List<String> command = new ArrayList<>(image.entrypoint());
        command.set(0, ImageBuild.javaExecutable());
        Path log = work.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CLASSPATH"); // the entry point relies on the working directory as class path
        builder.environment().putAll(image.env());
        builder.environment().put("JAVA_TOOL_OPTIONS", image.env().get("JAVA_TOOL_OPTIONS")
                .replace("-Djava.io.tmpdir=/tmp", "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp"))));
        builder.environment().putAll(Map.of(
                "PORT", String.valueOf(port),
                "DATABASE_URL", database.get("spring.datasource.url"),
                "DATABASE_USER", database.get("spring.datasource.username"),
                "DATABASE_PASSWORD", database.get("spring.datasource.password"),
                "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.kafkaBootstrapServers(),
                "CSP_SECURITY_DEV_SECRET", DevTokens.DEV_SECRET));
        Process service = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            boolean healthy = false;
            while (!healthy && System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service runs:\n%s", tail(log)).isTrue();
                healthy = healthCheck(image.healthcheck(), port) == 0;
                if (!healthy) {
                    Thread.sleep(1000);
                }
            }
            assertThat(healthy).as("the HEALTHCHECK passes within 240 s:\n%s", tail(log)).isTrue();
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        } finally {
            service.destroy(); // SIGTERM, as the kubelet sends after the preStop delay
            boolean stopped = service.waitFor(45, TimeUnit.SECONDS); // the chart's terminationGracePeriodSeconds
            if (!stopped) {
                service.destroyForcibly();
            }
            assertThat(stopped).as("stops within the grace period:\n%s", tail(log)).isTrue();
        }
        assertThat(Files.readString(log)).contains("Commencing graceful shutdown");
        assertThat(healthCheck(image.healthcheck(), port)).as("the health check fails once the service is gone").isNotZero();
    }

    /** Runs the image's HEALTHCHECK command as Docker would (exec form, the image's PORT). */
    private static int healthCheck(List<String> command, int port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", String.valueOf(port));
        Process check = builder.start();
        if (!check.waitFor(5, TimeUnit.SECONDS)) { // the HEALTHCHECK's --timeout
            check.destroyForcibly();
            return -1;
        }
        return check.exitValue();
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
