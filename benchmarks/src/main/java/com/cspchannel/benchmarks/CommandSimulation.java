package com.cspchannel.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The Gatling simulation of one phase of {@link CommandBenchmark} or {@link SoakBenchmark}: the phase
 * ({@link CommandBenchmark#phase}) says which command (or which commands, one picked at random per request), and either a closed model (that many connections, each sending its next command as soon as the
 * previous one is answered, like {@code wrk}) or an open model (a fixed arrival rate, whatever the answers take).
 * Gatling runs it in this JVM, so every answer's time and status is also handed to the phase's recorder, from which
 * the benchmark computes its figures and plots; Gatling's own HTML report is written beside it.
 */
public class CommandSimulation extends Simulation {

    public CommandSimulation() {
        CommandBenchmark.Phase phase = CommandBenchmark.phase;
        HttpProtocolBuilder protocol = http
                .contentTypeHeader("application/json")
                .acceptHeader("application/json")
                // an open model starts a virtual user per command: they share a connection pool, as a client would
                .shareConnections();
        List<ChainBuilder> calls = phase.commands().stream().map(CommandSimulation::call).toList();
        ChainBuilder call = calls.size() == 1 ? calls.get(0)
                : uniformRandomSwitch().on(calls);
        Duration duration = phase.duration();
        PopulationBuilder population;
        if (phase.connections() > 0) {
            ScenarioBuilder closed = scenario(phase.label()).during(duration).on(call);
            population = closed.injectOpen(atOnceUsers(phase.connections()));
        } else {
            ScenarioBuilder open = scenario(phase.label()).exec(call);
            population = open.injectOpen(constantUsersPerSec(phase.ratePerSecond()).during(duration));
        }
        setUp(population).protocols(protocol).maxDuration(duration.plusSeconds(30));
    }

    /** One request of {@code command}, its answer handed to the phase's recorder. */
    private static ChainBuilder call(CommandBenchmark.Command command) {
        CommandBenchmark.Phase phase = CommandBenchmark.phase;
        return exec(session -> session.set("path", command.path().get()).set("body", command.body().get()))
                .exec(http(command.name()).httpRequest(command.method(), command.baseUrl() + "#{path}")
                        .header("Authorization", "Bearer " + command.token())
                        .body(StringBody("#{body}"))
                        .check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"))
                        // a refusal's problem code, for the benchmark's summary
                        .checkIf((response, session) -> response.status().code() / 100 != 2)
                        .then(bodyString().saveAs("refusal")))
                .exec(session -> {
                    phase.recorder().record(session.contains("millis") ? session.getInt("millis") : -1,
                            session.contains("status") ? session.getInt("status") : 0,
                            session.contains("refusal") ? session.getString("refusal") : null);
                    return session.remove("millis").remove("status").remove("refusal");
                });
    }
}
