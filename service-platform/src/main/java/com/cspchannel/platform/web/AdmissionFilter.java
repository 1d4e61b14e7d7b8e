package com.cspchannel.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Admission control: a replica works on at most {@code csp.web.admission.max-concurrent} API requests at once
 * (a Resilience4j bulkhead). A request that finds no room within {@code max-wait} is answered 503
 * {@code overloaded} with {@code Retry-After} at once, before its token is decoded, and changes nothing.
 *
 * <p>Why: on two cores a command costs tens of milliseconds of CPU, and Tomcat would otherwise take up to 200
 * requests at once and queue more. Past the peak every request then gets slower until clients time out, with no
 * way to tell whether their command happened. Bounding the work keeps latency of admitted requests near
 * {@code max-concurrent / throughput}, and a 503 is an answer a client can act on. Health and metrics are never
 * refused, so probes and scrapes keep working under load.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    private final Bulkhead bulkhead;
    private final ObjectMapper mapper;

    public AdmissionFilter(Bulkhead bulkhead, ObjectMapper mapper) {
        this.bulkhead = bulkhead;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            response.setHeader("Retry-After", "1");
            Problems.write(response, mapper, Problems.of(PlatformProblem.OVERLOADED,
                    "This replica is at its limit of requests in progress; nothing was done. Retry shortly."));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}
