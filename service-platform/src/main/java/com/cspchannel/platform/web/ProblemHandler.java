package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.DomainRuleViolation;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.annotation.MessageHandlerInvocationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every error becomes problem details with a stable {@code code}: client mistakes are 4xx with what was
 * wrong (field errors listed), never a 500; an unexpected failure is a 500 that says nothing of the
 * internals and logs an incident id instead of a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainRuleViolation.class)
    public ResponseEntity<ProblemDetail> domainRule(DomainRuleViolation violation) {
        ProblemDetail problem = Problems.of(HttpStatus.valueOf(violation.kind().status()), violation.code(),
                violation.getMessage());
        if (!violation.violations().isEmpty()) {
            problem.setProperty(Problems.ERRORS, violation.violations().stream()
                    .map(v -> new FieldProblem(v.field(), v.code(), v.message())).toList());
        }
        violation.properties().forEach(problem::setProperty);
        return respond(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return respond(Problems.of(PlatformProblem.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return respond(Problems.of(PlatformProblem.UNAUTHORIZED, "A valid bearer token is required."));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(Problems.of(PlatformProblem.NOT_FOUND, "No such resource."));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    public ResponseEntity<ProblemDetail> versionConflict(ConflictingAggregateVersionException e) {
        return respond(Problems.of(PlatformProblem.ETAG_MISMATCH,
                "The resource was changed since you read it: read it again and retry with its current ETag."));
    }

    /**
     * Two writers changed the same resource at once and this one lost. With If-Match the client's version is now
     * stale: 412; without, 409.
     */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e, WebRequest request) {
        if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
            return respond(Problems.of(PlatformProblem.ETAG_MISMATCH,
                    "The resource was changed since you read it: read it again and retry with its current ETag."));
        }
        return respond(Problems.of(PlatformProblem.CONCURRENT_CHANGE,
                "Someone else changed or created this resource at the same time: read it again and retry."));
    }

    @ExceptionHandler({CommandExecutionException.class, MessageHandlerInvocationException.class})
    public ResponseEntity<ProblemDetail> wrapped(RuntimeException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainRuleViolation violation) {
            return domainRule(violation);
        }
        if (e instanceof CommandExecutionException cee && cee.getDetails().orElse(null) instanceof DomainRuleViolation v) {
            return domainRule(v);
        }
        return unexpected(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        ProblemDetail problem = Problems.of(PlatformProblem.INVALID_PARAMETER,
                "'" + e.getName() + "' must be " + expected + ".");
        problem.setProperty(Problems.ERRORS, List.of(new FieldProblem(e.getName(), "invalid-format",
                "must be " + expected)));
        return respond(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem = Problems.of(PlatformProblem.INVALID_REQUEST, "The request is invalid.");
        problem.setProperty(Problems.ERRORS, e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(String.valueOf(v.getPropertyPath()), "invalid", v.getMessage())).toList());
        return respond(problem);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e.getCause() instanceof DomainRuleViolation violation) {
            return domainRule(violation);
        }
        if (com.cspchannel.platform.database.DatabaseAway.causedBy(e)) { // nothing committed: retry with the same key
            log.warn("A dependency is unreachable: {}", e.getClass().getName());
            return respond(Problems.of(PlatformProblem.SERVICE_UNAVAILABLE,
                    "This service cannot reach its database right now. Retry shortly, with the same"
                            + " Idempotency-Key where the operation takes one."));
        }
        String incident = UUID.randomUUID().toString();
        Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
        // the root cause's class names what broke without the stack trace (kept at debug)
        log.error("Unexpected failure, incident {}: {}: {} (root cause {})", incident, e.getClass().getName(),
                e.getMessage(), root.getClass().getName());
        log.debug("Incident {} stack trace", incident, e);
        ProblemDetail problem = Problems.of(PlatformProblem.INTERNAL_ERROR,
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.");
        problem.setProperty("incident", incident);
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), codeOf(error.getCode()), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new FieldProblem(error.getObjectName(), codeOf(error.getCode()), error.getDefaultMessage())));
        ProblemDetail problem = Problems.of(PlatformProblem.INVALID_REQUEST,
                "The request has " + errors.size() + " invalid field(s).");
        problem.setProperty(Problems.ERRORS, errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldProblem(result.getMethodParameter().getParameterName(),
                        codeOf(error.getCodes() == null || error.getCodes().length == 0 ? null
                                : error.getCodes()[error.getCodes().length - 1]),
                        error.getDefaultMessage()))));
        ProblemDetail problem = Problems.of(PlatformProblem.INVALID_REQUEST, "The request is invalid.");
        problem.setProperty(Problems.ERRORS, errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = "The request body is missing or is not valid JSON of the expected shape.";
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            boolean unknown = mismatch instanceof UnrecognizedPropertyException;
            ProblemDetail problem = Problems.of(PlatformProblem.INVALID_REQUEST, unknown
                    ? "'" + field + "' is not a field of this request." : "'" + field + "' has an invalid value.");
            problem.setProperty(Problems.ERRORS, List.of(unknown
                    ? new FieldProblem(field, "unknown-field", "is not a field of this request")
                    : new FieldProblem(field, "invalid-format", "must be " + describe(mismatch.getTargetType()))));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest().body(Problems.of(PlatformProblem.MALFORMED_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = Problems.of(PlatformProblem.INVALID_REQUEST,
                "The query parameter '" + e.getParameterName() + "' is required.");
        problem.setProperty(Problems.ERRORS, List.of(new FieldProblem(e.getParameterName(), "required",
                "is required")));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE))) {
            String code = e instanceof MissingRequestHeaderException ? PlatformProblem.MISSING_HEADER.code()
                    : Problems.codeOf(status.value());
            problem.setProperty(Problems.CODE, code);
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + code));
        }
        return response;
    }

    private static String codeOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Email" -> "invalid-email";
            case "Pattern" -> "invalid-format";
            case "Size", "Min", "Max", "Positive", "PositiveOrZero" -> "out-of-range";
            case "AssertTrue" -> "must-be-true";
            default -> "invalid";
        };
    }

    private static String describe(Class<?> type) {
        if (UUID.class.equals(type)) {
            return "a UUID in canonical form (8-4-4-4-12), not the nil UUID";
        }
        if (String.class.equals(type)) {
            return "text without control characters";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && !boolean.class.equals(type)) {
            return "a number";
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2026-03-01T00:00:00Z";
        }
        return "a valid " + type.getSimpleName();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // only ever a short wait: retrying in a second is the right thing
            return ResponseEntity.status(problem.getStatus()).header("Retry-After", "1")
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
