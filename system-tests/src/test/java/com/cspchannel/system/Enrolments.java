package com.cspchannel.system;

import com.cspchannel.client.DocumentedAnswers;
import com.cspchannel.client.partnership.ApiException;
import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.cspchannel.infra.ServiceProcess;
import com.fasterxml.jackson.core.JacksonException;

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
 * a second, with the client generated from partnership-service's document. It remembers when each 2xx came, and
 * which requests lost their connection; an answer the document does not describe counts as refused (status 0).
 */
final class Enrolments implements AutoCloseable {
    final Map<UUID, Long> answered = new ConcurrentHashMap<>();
    final List<UUID> unanswered = new CopyOnWriteArrayList<>();
    /** Answers other than 201, by status; 0 for an answer the document does not describe. */
    final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile List<DirectoryApi> targets = List.of();
    private final Thread thread;
    private final String token;

    Enrolments(String token) {
        this.token = token;
        thread = new Thread(() -> {
            int next = 0;
            while (running.get()) {
                List<DirectoryApi> now = targets;
                if (now.isEmpty()) {
                    pause();
                    continue;
                }
                UUID reseller = UUID.randomUUID();
                String pla = PartnerIds.pla();
                EnrolResellerRequest request = new EnrolResellerRequest().resellerTenantId(reseller)
                        .profile(new ResellerProfile().name("Reseller " + pla).contactEmail("r" + pla + "@example.org")
                                .country("DE").cspRegion("Europe").plaPartnerIds(List.of(pla))
                                .pgaPartnerId(PartnerIds.pga()));
                try {
                    int status = now.get(next++ % now.size()).enrolWithHttpInfo(request, null).getStatusCode();
                    if (status == 201) {
                        answered.put(reseller, System.nanoTime());
                    } else {
                        refuse(status, "answer " + status);
                    }
                } catch (ApiException e) {
                    if (e.getCode() != 0) {
                        refuse(e.getCode(), "answer " + e.getCode() + ": " + e.getResponseBody());
                    } else if (e.getCause() instanceof JacksonException unreadable) {
                        refuse(0, "an answer the document does not describe: " + unreadable.getMessage());
                    } else {
                        unanswered.add(reseller); // the replica went away mid-request
                    }
                } catch (DocumentedAnswers.UndocumentedAnswer undocumented) {
                    refuse(0, undocumented.getMessage());
                }
                pause();
            }
        }, "enrolments");
        thread.start();
    }

    /** Sends to these replicas from now on; to none (a pause) when none is given. */
    void sendTo(ServiceProcess... replicas) {
        List<DirectoryApi> apis = new ArrayList<>();
        for (ServiceProcess replica : replicas) {
            apis.add(Clients.directory("http://127.0.0.1:" + replica.port(), token));
        }
        targets = List.copyOf(apis);
    }

    private void refuse(int status, String what) {
        if (refused.computeIfAbsent(status, c -> new AtomicInteger()).getAndIncrement() == 0) {
            System.out.println(what);
        }
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
