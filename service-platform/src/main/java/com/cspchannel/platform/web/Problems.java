package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.ProblemCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;

/** Builds RFC 9457 problem details with the stable {@code code} property every error of ours carries. */
public final class Problems {

    public static final String CODE = "code";
    public static final String ERRORS = "errors";
    public static final String TYPE_BASE = "https://csp-channel.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setProperty(CODE, code);
        return problem;
    }

    /** A problem with the stable code {@code problem}, answered with its status. */
    public static ProblemDetail of(ProblemCode problem, String detail) {
        return of(HttpStatusCode.valueOf(problem.status()), problem.code(), detail);
    }

    /** The code of an error that has none of its own: named after its HTTP status. */
    public static String codeOf(int status) {
        return PlatformProblem.ofStatus(status).map(PlatformProblem::code)
                .orElse(status < 500 ? "client-error" : PlatformProblem.INTERNAL_ERROR.code());
    }

    /** Writes a problem outside Spring MVC (security filters). */
    public static void write(HttpServletResponse response, ObjectMapper mapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
