package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Watches every problem a controller method answers: one whose status and code its operation's API document does
 * not list ({@link ProblemResponses}) is logged once per operation and code, and kept for the services' integration
 * tests, which fail on it. So a code added to a rule without being declared on the operation is found by any test
 * that provokes it, not only by the fuzz tests.
 */
@RestControllerAdvice
public class UndocumentedProblems implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(UndocumentedProblems.class);
    private static final int KEPT = 100;

    private final Map<Method, Set<String>> documented = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> unclaimed = new ArrayList<>();

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            check(problem, servlet.getServletRequest());
        }
        return body;
    }

    private void check(ProblemDetail problem, HttpServletRequest request) {
        int status = problem.getStatus();
        Object code = problem.getProperties() == null ? null : problem.getProperties().get(Problems.CODE);
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)
                || !documents(handler) || code == null || status < 400 || status >= 500 && status != 503) {
            return;
        }
        Set<String> listed = documented.computeIfAbsent(handler.getMethod(), method ->
                ProblemResponses.problemsOf(handler).stream().map(UndocumentedProblems::key)
                        .collect(Collectors.toUnmodifiableSet()));
        String key = status + " " + code;
        if (listed.contains(key)) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String finding = request.getMethod() + " " + pattern + " answered " + key + ", which its API document does "
                + "not list (declare it on " + handler.getBeanType().getSimpleName() + "."
                + handler.getMethod().getName() + ")";
        if (seen.add(finding)) {
            log.warn("Undocumented problem: {}", finding);
        }
        synchronized (unclaimed) {
            if (unclaimed.size() < KEPT) {
                unclaimed.add(finding);
            }
        }
    }

    /** The undocumented problems answered since the last call, at most a hundred; for tests. */
    public List<String> drain() {
        synchronized (unclaimed) {
            List<String> found = List.copyOf(unclaimed);
            unclaimed.clear();
            return found;
        }
    }

    /** Whether the API document has the operation at all: not a hidden page, not the framework's own endpoints. */
    private static boolean documents(HandlerMethod handler) {
        String type = handler.getBeanType().getName();
        return !handler.getBeanType().isAnnotationPresent(Hidden.class) && !handler.hasMethodAnnotation(Hidden.class)
                && !type.startsWith("org.springframework.") && !type.startsWith("org.springdoc.");
    }

    private static String key(ProblemCode problem) {
        return problem.status() + " " + problem.code();
    }
}
