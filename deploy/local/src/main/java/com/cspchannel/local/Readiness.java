package com.cspchannel.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits until every started service answers 200 on its readiness group (database and broker reached, processors
 * running), failing as soon as one exits or when STARTUP_TIMEOUT_SECONDS (180) pass.
 */
final class Readiness {

    private final Logger log = LoggerFactory.getLogger(Readiness.class);
    private final HttpClient http;

    Readiness(HttpClient http) {
        this.http = http;
    }

    static String readinessUrl(ServiceSpec service) {
        return "http://127.0.0.1:" + service.port() + "/actuator/health/readiness";
    }

    void await(Map<ServiceSpec, Process> running, StackDirectory dir, Shutdown shutdown) {
        Duration timeout = Duration.ofSeconds(Env.number("STARTUP_TIMEOUT_SECONDS", 180));
        Instant begin = Instant.now();
        Instant deadline = begin.plus(timeout);
        List<ServiceSpec> waiting = new ArrayList<>(running.keySet());
        while (!waiting.isEmpty()) {
            for (ServiceSpec service : List.copyOf(waiting)) {
                Process process = running.get(service);
                Path serviceLog = dir.logOf(service);
                if (!process.isAlive()) {
                    throw new StartupFailure("it exited with code " + process.exitValue() + " while starting",
                            service.name(), serviceLog, true);
                }
                if (ready(service)) {
                    waiting.remove(service);
                    log.info("{} ready ({}) after {} s", service.name(), service.baseUrl(),
                            Duration.between(begin, Instant.now()).toSeconds());
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    ServiceSpec late = waiting.get(0);
                    throw new StartupFailure("not ready after " + timeout.toSeconds() + " s (no 200 from "
                            + readinessUrl(late) + ")", late.name(), dir.logOf(late), true);
                }
                Shutdown.sleep(Duration.ofMillis(1000));
                shutdown.throwIfRequested();
            }
        }
    }

    private boolean ready(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(readinessUrl(service)))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
