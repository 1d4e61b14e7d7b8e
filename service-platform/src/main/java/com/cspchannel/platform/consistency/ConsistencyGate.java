package com.cspchannel.platform.consistency;

import com.cspchannel.platform.web.PlatformProblem;
import com.cspchannel.platform.domain.DomainRuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-your-writes across services. Before a request with a {@link ConsistencyToken} runs (after its caller was
 * authenticated), it waits until this service's copies ({@link ReadCopies}) have applied every event of the
 * token on a topic they read; an event is applied when its consumer recorded it as consumed, in the same
 * transaction as the copy's change. Past {@code csp.consistency.max-wait} it is 503 {@code consistency-timeout}
 * with {@code Retry-After}: never a decision on an older copy. Every 2xx answer carries the request's token
 * with the events the request wrote.
 */
@ControllerAdvice
public class ConsistencyGate implements HandlerInterceptor, ResponseBodyAdvice<Object> {

    private static final String TOKEN = ConsistencyGate.class.getName() + ".token";
    private static final String APPLIED = """
            select count(*) from consumed_event c
            join unnest(?::varchar[], ?::uuid[]) as n(consumer, event_id)
              on c.consumer = n.consumer and c.event_id = n.event_id""";
    static final String APPLIED_THROUGH = """
            select consumer, applied_through from (
              select n.consumer, (select max(c.consumed_at) from consumed_event c where c.consumer = n.consumer)
                as applied_through
              from unnest(?::varchar[]) as n(consumer)) copies
            where applied_through is not null order by consumer""";

    private final JdbcTemplate jdbc;
    private final List<ReadCopies> copies;
    private final WrittenEvents written;
    private final ConsistencyProperties properties;
    private final Optional<MeterRegistry> meters;

    public ConsistencyGate(JdbcTemplate jdbc, List<ReadCopies> copies, WrittenEvents written,
                           ConsistencyProperties properties, Optional<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.copies = List.copyOf(copies);
        this.written = written;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        ConsistencyToken token = ConsistencyToken.parse(Collections.list(request.getHeaders(ConsistencyToken.HEADER)));
        if (!token.isEmpty()) {
            awaitApplied(token, request.getRequestURI());
        }
        request.setAttribute(TOKEN, token);
        written.begin();
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        written.end();
    }

    private void awaitApplied(ConsistencyToken token, String path) throws InterruptedException {
        List<String> consumers = new ArrayList<>();
        List<UUID> events = new ArrayList<>();
        for (ReadCopies copy : copies) {
            Map<String, List<String>> byTopic = copy.consumersByTopic(path);
            for (ConsistencyToken.Entry entry : token.entries()) {
                for (String consumer : byTopic.getOrDefault(entry.topic(), List.of())) {
                    consumers.add(consumer);
                    events.add(entry.eventId());
                }
            }
        }
        if (consumers.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + properties.maxWait().toNanos();
        while (applied(consumers, events) < consumers.size()) {
            if (System.nanoTime() > deadline) {
                record("timeout", start);
                throw new DomainRuleViolation(PlatformProblem.CONSISTENCY_TIMEOUT,
                        "This service has not yet applied every change named by " + ConsistencyToken.HEADER
                                + " (waited " + properties.maxWait().toMillis() + " ms); retry shortly.",
                        List.of(), Map.of());
            }
            Thread.sleep(properties.poll().toMillis());
        }
        record("applied", start);
    }

    private long applied(List<String> consumers, List<UUID> events) {
        Long count = jdbc.queryForObject(APPLIED, Long.class, consumers.toArray(String[]::new),
                events.toArray(UUID[]::new));
        return count == null ? 0 : count;
    }

    private void record(String outcome, long start) {
        meters.ifPresent(registry -> Timer.builder("csp.consistency.wait")
                .description("How long requests with a consistency token waited for this service's copies")
                .tag("outcome", outcome).register(registry).record(Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * A refusal says which copies of other services' facts it was decided on, and how far each had been applied
     * (the time it recorded its newest event), and whether the request waited for a token: so a support engineer
     * can tell a refusal on a stale copy (applied through a time before the fact changed, no token) from a real
     * one.
     */
    private void describeCopies(ProblemDetail problem, HttpServletRequest request) {
        List<String> consumers = copies.stream().flatMap(copy -> copy.consumersByTopic(request.getRequestURI())
                .values().stream()).flatMap(List::stream).distinct().toList();
        if (consumers.isEmpty()) {
            return;
        }
        problem.setProperty("copies", appliedThrough(consumers));
        Object token = request.getAttribute(TOKEN);
        problem.setProperty("consistencyToken", token instanceof ConsistencyToken t && !t.isEmpty()
                ? "applied: " + t.entries().size() + " event(s)" : "none");
    }

    /**
     * Each consumer that applied anything, with the time it recorded its newest event, in consumer order. One
     * look-up per consumer in the index {@code consumed_event_applied_through}, however many events it applied.
     */
    List<Map<String, Object>> appliedThrough(List<String> consumers) {
        return jdbc.query(APPLIED_THROUGH, (rs, n) -> Map.<String, Object>of("consumer", rs.getString("consumer"),
                "appliedThrough", rs.getTimestamp("applied_through").toInstant().toString()),
                (Object) consumers.toArray(String[]::new));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servletRequest
                && (problem.getStatus() == 409 || problem.getStatus() == 422)) {
            describeCopies(problem, servletRequest.getServletRequest());
        }
        if (request instanceof ServletServerHttpRequest servletRequest
                && response instanceof ServletServerHttpResponse servletResponse
                && servletResponse.getServletResponse().getStatus() / 100 == 2
                && servletRequest.getServletRequest().getAttribute(TOKEN) instanceof ConsistencyToken token) {
            ConsistencyToken answer = token.with(written.written());
            if (!answer.isEmpty()) {
                response.getHeaders().set(ConsistencyToken.HEADER, answer.toString());
            }
        }
        return body;
    }
}
