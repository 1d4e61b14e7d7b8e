package com.cspchannel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfile, read like a reviewer would: layered jar, non-root user, JVM sized from the limit, health check. */
class DockerfileTest {

    static final Dockerfile DOCKERFILE = Dockerfile.parse(ProjectPaths.dockerfile());

    static Path execJar() throws Exception {
        try (Stream<Path> files = Files.list(ProjectPaths.dockerContext().resolve("partnership-service/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
        }
    }

    /** The layers the jar declares, in its order (BOOT-INF/layers.idx). */
    static List<String> layers() throws Exception {
        try (ZipFile jar = new ZipFile(execJar().toFile())) {
            String index = new String(jar.getInputStream(jar.getEntry("BOOT-INF/layers.idx")).readAllBytes());
            List<String> layers = new ArrayList<>();
            Matcher matcher = Pattern.compile("(?m)^- \"([^\"]+)\":").matcher(index);
            while (matcher.find()) {
                layers.add(matcher.group(1));
            }
            return layers;
        }
    }

    @Test
    void baseImagesAreNamedWithAVersion() {
        for (Dockerfile.Stage stage : DOCKERFILE.stages) {
            String image = DOCKERFILE.image(stage);
            assertThat(image).as("base image").matches("[a-z0-9./-]+:[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?")
                    .doesNotEndWith(":latest").contains("17");
        }
    }

    @Test
    void theLayersAreExtractedWithTheToolsJarMode() {
        Dockerfile.Stage build = DOCKERFILE.stage("layers");
        assertThat(build.all("COPY")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .isEqualTo("${SERVICE}/target/${SERVICE}-*-exec.jar app.jar");
        assertThat(build.all("RUN")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .asString().startsWith("java -Djarmode=tools -jar app.jar extract --layers --launcher");
    }

    @Test
    void theRuntimeImageCopiesEveryLayerOfTheJarFromLeastToMostChanged() throws Exception {
        List<String> copied = DOCKERFILE.finalStage().all("COPY").stream()
                .peek(copy -> assertThat(copy.flags()).containsEntry("from", "layers"))
                .map(copy -> copy.arguments().replaceAll("^/build/extracted/([^/]+)/ \\./$", "$1"))
                .toList();
        assertThat(copied).isEqualTo(layers())
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    }

    @Test
    void theServiceRunsAsAnUnprivilegedUserTheChartAlsoNames() throws Exception {
        List<Dockerfile.Instruction> instructions = DOCKERFILE.finalStage().instructions();
        Dockerfile.Instruction user = DOCKERFILE.finalStage().all("USER").get(0);
        assertThat(DOCKERFILE.finalStage().all("USER")).hasSize(1);
        assertThat(user.arguments()).matches("\\d+:\\d+");
        long uid = Long.parseLong(user.arguments().split(":")[0]);
        assertThat(uid).isGreaterThanOrEqualTo(1000);
        int position = instructions.indexOf(user);
        assertThat(instructions.subList(position, instructions.size()))
                .as("nothing runs or is copied as root after USER")
                .noneMatch(i -> i.keyword().equals("RUN") || i.keyword().equals("COPY") || i.keyword().equals("ADD"));
        assertThat(DOCKERFILE.finalStage().all("RUN")).singleElement().extracting(Dockerfile.Instruction::arguments)
                .asString().contains("--uid " + uid);
        JsonNode defaults = Manifest.YAML.readTree(ProjectPaths.chart().resolve("values.yaml").toFile()).path("serviceDefaults");
        assertThat(defaults.path("podSecurityContext").path("runAsUser").asLong()).isEqualTo(uid);
        assertThat(defaults.path("containerSecurityContext").path("runAsUser").asLong()).isEqualTo(uid);
    }

    @Test
    void theJvmIsSizedFromTheContainerLimitAsInTheChart() throws Exception {
        String options = DOCKERFILE.finalStage().all("ENV").stream()
                .flatMap(env -> Dockerfile.envPairs(env.arguments()).entrySet().stream())
                .filter(e -> e.getKey().equals("JAVA_TOOL_OPTIONS")).map(java.util.Map.Entry::getValue)
                .findFirst().orElseThrow();
        assertThat(options).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp")
                .doesNotContain("-Xmx");
        String chart = Manifest.YAML.readTree(ProjectPaths.chart().resolve("values.yaml").toFile())
                .path("serviceDefaults").path("javaToolOptions").asText();
        assertThat(chart.trim().replaceAll("\\s+", " ")).isEqualTo(options);
    }

    @Test
    void theJvmStartsAsPidOneWithAHealthCheck() {
        Dockerfile.Stage runtime = DOCKERFILE.finalStage();
        assertThat(runtime.all("ENTRYPOINT")).singleElement().extracting(Dockerfile.Instruction::execForm)
                .isEqualTo(List.of("java", "org.springframework.boot.loader.launch.JarLauncher"));
        assertThat(runtime.all("HEALTHCHECK")).singleElement().satisfies(health -> {
            assertThat(health.flags()).containsKeys("interval", "timeout", "start-period");
            assertThat(String.join(" ", health.execForm())).contains("/actuator/health/liveness");
        });
        assertThat(runtime.all("EXPOSE")).isNotEmpty();
        assertThat(runtime.all("STOPSIGNAL")).singleElement().extracting(Dockerfile.Instruction::arguments).isEqualTo("SIGTERM");
    }

    @Test
    void everyServiceBuildsTheLayeredExecutableJarTheDockerfileExpects() throws Exception {
        int services = 0;
        for (String service : List.of("partnership-service", "customer-service", "subscription-service", "notification-service")) {
            Path pom = ProjectPaths.root().resolve(service + "/pom.xml");
            if (!Files.exists(pom)) {
                continue;
            }
            String text = Files.readString(pom);
            assertThat(text).as(service).contains("<classifier>exec</classifier>")
                    .doesNotContainPattern("<layers>\\s*<enabled>\\s*false"); // layered by default since Boot 2.4
            services++;
        }
        assertThat(services).isPositive();
    }
}
