package com.cspchannel.platform.consistency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Documents the {@link ConsistencyToken} header on every operation, as a request and as an answer header. */
public class ConsistencyTokenDocs implements OperationCustomizer {

    private static final String EXAMPLE = "csp.partnerships.events/6f1c1b0e-3a52-4c1a-9d43-0e2f7f0b9a01";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        operation.addParametersItem(new HeaderParameter().name(ConsistencyToken.HEADER).example(EXAMPLE)
                .schema(new StringSchema().maxLength(64 * 150))
                .description("Read your writes across services: send the " + ConsistencyToken.HEADER + " of your "
                        + "last answer (from any service). This service then answers only once it has applied "
                        + "those changes, waiting up to 2 s; past that 503 consistency-timeout with Retry-After."));
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(ConsistencyToken.HEADER, new Header().schema(new StringSchema())
                            .example(EXAMPLE).description("What you have seen written, this request's changes "
                                    + "included: pass it with your next request, to any service."));
                }
            });
        }
        return operation;
    }
}
