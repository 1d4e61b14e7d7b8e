package com.cspchannel.platform.web;

import com.cspchannel.platform.domain.ProblemCode;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Constraint;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Documents, on every operation, each error status it can answer with the {@code Problem} schema and the
 * {@code code}s it can carry (an {@code enum} on {@code code}, and listed in the description). The codes come from
 * the same constants the code answers with: those the platform answers for what the method's signature shows (a
 * body, parameters, If-Match, a client request id, the caller's roles; and what every request can meet: no token,
 * overload, the database away, a consistency token), and those the method declares with an annotation marked
 * {@link DeclaresProblems}. The services' fuzz tests check that every problem answered is documented so.
 */
public class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_PROBLEM_SCHEMA = "FieldProblem";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final List<PlatformProblem> EVERY_REQUEST = List.of(PlatformProblem.REJECTED_REQUEST,
            PlatformProblem.INVALID_CONSISTENCY_TOKEN, PlatformProblem.UNAUTHORIZED,
            PlatformProblem.CONSISTENCY_TIMEOUT, PlatformProblem.OVERLOADED, PlatformProblem.SERVICE_UNAVAILABLE);

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Map<Integer, Set<String>> byStatus = new TreeMap<>();
        for (ProblemCode problem : problemsOf(handlerMethod)) {
            byStatus.computeIfAbsent(problem.status(), status -> new LinkedHashSet<>()).add(problem.code());
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        byStatus.forEach((status, codes) -> responses.addApiResponse(String.valueOf(status), response(status, codes)));
        operation.setResponses(responses);
        return operation;
    }

    /** Every problem code the method can answer: inferred from its signature, then as it declares. */
    public static List<ProblemCode> problemsOf(HandlerMethod handlerMethod) {
        Set<ProblemCode> problems = new LinkedHashSet<>(EVERY_REQUEST);
        for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (Caller.class.equals(type)) {
                problems.add(PlatformProblem.FORBIDDEN);
            }
            if (ClientRequest.class.equals(type)) {
                problems.addAll(List.of(PlatformProblem.INVALID_IDEMPOTENCY_KEY, PlatformProblem.REQUEST_IN_PROGRESS,
                        PlatformProblem.IDEMPOTENCY_KEY_REUSED));
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                problems.addAll(List.of(PlatformProblem.INVALID_REQUEST, PlatformProblem.MALFORMED_REQUEST,
                        PlatformProblem.UNSUPPORTED_MEDIA_TYPE));
            }
            if (parameter.hasParameterAnnotation(PathVariable.class)
                    || parameter.hasParameterAnnotation(RequestParam.class)) {
                problems.add(PlatformProblem.INVALID_PARAMETER);
            }
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            boolean requiredQuery = query != null && query.required()
                    && ValueConstants.DEFAULT_NONE.equals(query.defaultValue());
            if (requiredQuery || constrained(parameter)) {
                problems.add(PlatformProblem.INVALID_REQUEST);
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && header.required() && ValueConstants.DEFAULT_NONE.equals(header.defaultValue())) {
                problems.add(PlatformProblem.MISSING_HEADER);
            }
            if (header != null && HttpHeaders.IF_MATCH.equalsIgnoreCase(header.name().isEmpty() ? header.value()
                    : header.name())) {
                problems.add(PlatformProblem.ETAG_MISMATCH);
            }
        }
        problems.addAll(declared(handlerMethod.getBeanType().getAnnotations()));
        problems.addAll(declared(handlerMethod.getMethod().getAnnotations()));
        return List.copyOf(problems);
    }

    private static boolean constrained(MethodParameter parameter) {
        return Arrays.stream(parameter.getParameterAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(Constraint.class));
    }

    private static List<ProblemCode> declared(Annotation[] annotations) {
        List<ProblemCode> problems = new ArrayList<>();
        for (Annotation annotation : annotations) {
            if (!annotation.annotationType().isAnnotationPresent(DeclaresProblems.class)) {
                continue;
            }
            try {
                Method value = annotation.annotationType().getMethod("value");
                problems.addAll(Arrays.asList((ProblemCode[]) value.invoke(annotation)));
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
                throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " is marked "
                        + "@DeclaresProblems but has no value() of ProblemCode constants", e);
            }
        }
        return problems;
    }

    private static ApiResponse response(int status, Set<String> codes) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error " + status : known.getReasonPhrase();
        Schema<?> code = new StringSchema()._enum(List.copyOf(codes))
                .description("The codes this operation answers with this status.");
        Schema<?> schema = new Schema<>().allOf(List.of(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA),
                new ObjectSchema().addProperty(Problems.CODE, code)));
        ApiResponse response = new ApiResponse()
                .description(reason + ": problem details with `code` "
                        + codes.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + ".")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().schema(new IntegerSchema())
                    .description("Seconds after which the same request may be retried."));
        }
        return response;
    }

    /** The schemas every error answer refers to. */
    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(FIELD_PROBLEM_SCHEMA, new ObjectSchema()
                .description("One invalid field of a request.")
                .addProperty("field", new StringSchema().description("Where in the request, e.g. "
                        + "billingProfile.email or lineItems[0].quantity."))
                .addProperty(Problems.CODE, new StringSchema().description("What is wrong with it, e.g. required, "
                        + "invalid-format, out-of-range, unknown-field."))
                .addProperty("message", new StringSchema().description("The same in words."))
                .required(List.of("field", Problems.CODE, "message")));
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, new ObjectSchema()
                .description("RFC 9457 problem details, with the stable code a client decides on.")
                .addProperty("type", new StringSchema().format("uri")
                        .description(Problems.TYPE_BASE + " followed by the code."))
                .addProperty("title", new StringSchema().description("The HTTP status in words."))
                .addProperty("status", new IntegerSchema().description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("What happened, for a person."))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request's path."))
                .addProperty(Problems.CODE, new StringSchema().description("The stable code: one of those "
                        + "listed on each operation's answer of this status (Partner Center's where one exists)."))
                .addProperty(Problems.ERRORS, new ArraySchema().items(new Schema<>()
                                .$ref("#/components/schemas/" + FIELD_PROBLEM_SCHEMA))
                        .description("Every invalid field, when the request has any."))
                .required(List.of("type", "title", "status", Problems.CODE)));
    }
}
