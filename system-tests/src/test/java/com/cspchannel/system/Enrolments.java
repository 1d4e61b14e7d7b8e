package com.cspchannel.system;

import com.cspchannel.infra.HttpApi;
import com.cspchannel.infra.ServiceProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client enrolling new resellers one after another, round-robin over the replicas it is told to use, about 20
 * a second. It remembers when each 2xx came, and which requests lost their connection.
 */
final class Enrolments implements AutoCloseable {
    final Map<UUID, Long> answered = new ConcurrentHashMap<>();
    final List<UUID> unanswered = new CopyOnWriteArrayList<>();
    /** Answers other than 201, by status. */
    final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile List<HttpApi> targets = List.of();
    private final Thread thread;

    Enrolments(String token) {
        thread = new Thread(() -> {
            int next = 0;
            while (running.get()) {
                List<HttpApi> now = targets;
                if (now.isEmpty()) {
                    pause();
                    continue;
                }
                UUID reseller = UUID.randomUUID();
                String pla = PartnerIds.pla();
                try {
                    HttpApi.Response response = now.get(next++ % now.size()).post("/api/v1/resellers", token,
                            Map.of("resellerTenantId", reseller, "profile", Map.of("name", "Reseller " + pla,
                                    "contactEmail", "r" + pla + "@example.org", "country", "DE",
                                    "cspRegion", "Europe", "plaPartnerIds", List.of(pla),
                                    "pgaPartnerId", PartnerIds.pga())));
                    if (response.status() == 201) {
                        answered.put(reseller, System.nanoTime());
                    } else {
                        if (refused.computeIfAbsent(response.status(), c -> new AtomicInteger()).getAndIncrement() == 0) {
                            System.out.println("answer " + response.status() + ": " + response.raw());
                        }
                    }
                } catch (RuntimeException connectionLost) {
                    unanswered.add(reseller); // the replica went away mid-request
                }
                pause();
            }
        }, "enrolments");
        thread.start();
    }

    /** Sends to these replicas from now on; to none (a pause) when none is given. */
    void sendTo(ServiceProcess... replicas) {
        List<HttpApi> apis = new ArrayList<>();
        for (ServiceProcess replica : replicas) {
            apis.add(new HttpApi(replica.port()));
        }
        targets = List.copyOf(apis);
    }

    private static void pause() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
    }
}
