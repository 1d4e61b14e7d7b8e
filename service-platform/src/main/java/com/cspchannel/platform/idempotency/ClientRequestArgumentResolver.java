package com.cspchannel.platform.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Arrays;

/**
 * Lets a controller method take the {@link ClientRequest} as a parameter, and documents, on exactly those
 * operations, the two request headers and the {@code Idempotent-Replayed} answer header: so the API document
 * says which writes are safe to retry, and no controller repeats the header plumbing.
 */
public class ClientRequestArgumentResolver implements HandlerMethodArgumentResolver, OperationCustomizer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ClientRequest.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return ClientRequest.of(webRequest.getHeader(ClientRequest.IDEMPOTENCY_KEY),
                webRequest.getHeader(ClientRequest.MS_REQUEST_ID));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (Arrays.stream(handlerMethod.getMethodParameters()).noneMatch(this::supportsParameter)) {
            return operation;
        }
        StringSchema key = new StringSchema();
        key.minLength(1).maxLength(200);
        operation.addParametersItem(new HeaderParameter().name(ClientRequest.IDEMPOTENCY_KEY).schema(key)
                .description("A client request id: a retry with the same id and request answers the first "
                        + "outcome instead of acting again."));
        operation.addParametersItem(new HeaderParameter().name(ClientRequest.MS_REQUEST_ID).schema(key)
                .description("Partner Center's name for Idempotency-Key; either may be sent."));
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(ClientRequest.REPLAYED, new Header().schema(new BooleanSchema())
                            .description("true when this answer replays an earlier request with the same id"));
                }
            });
        }
        return operation;
    }
}
