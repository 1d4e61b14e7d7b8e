package com.cspchannel.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The generated clients, set up the one way every caller here wants them: a service's base URL, a bearer token
 * (none when null), strict reading (a field the document does not name fails the call, as does a wrong type or an
 * enum value it does not list), {@link DocumentedAnswers} checking every status, and one shared
 * {@link HttpClient} however many clients are made (one per user is the natural use). For example
 * {@code new DirectoryApi(ApiClients.partnership("http://127.0.0.1:8081", token)).enrol(request, null)}.
 */
public final class ApiClients {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, DocumentedAnswers> DOCUMENTS = new ConcurrentHashMap<>();

    private ApiClients() {
    }

    public static com.cspchannel.client.partnership.ApiClient partnership(String baseUrl, String bearer) {
        com.cspchannel.client.partnership.ApiClient client = new com.cspchannel.client.partnership.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return HTTP;
            }
        };
        client.updateBaseUri(baseUrl);
        client.setObjectMapper(strict(com.cspchannel.client.partnership.ApiClient.createDefaultObjectMapper()));
        client.setRequestInterceptor(authorization(bearer));
        client.setResponseInterceptor(documented("partnership-service"));
        client.setReadTimeout(READ_TIMEOUT);
        return client;
    }

    public static com.cspchannel.client.customer.ApiClient customer(String baseUrl, String bearer) {
        com.cspchannel.client.customer.ApiClient client = new com.cspchannel.client.customer.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return HTTP;
            }
        };
        client.updateBaseUri(baseUrl);
        client.setObjectMapper(strict(com.cspchannel.client.customer.ApiClient.createDefaultObjectMapper()));
        client.setRequestInterceptor(authorization(bearer));
        client.setResponseInterceptor(documented("customer-service"));
        client.setReadTimeout(READ_TIMEOUT);
        return client;
    }

    public static com.cspchannel.client.subscription.ApiClient subscription(String baseUrl, String bearer) {
        com.cspchannel.client.subscription.ApiClient client = new com.cspchannel.client.subscription.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return HTTP;
            }
        };
        client.updateBaseUri(baseUrl);
        client.setObjectMapper(strict(com.cspchannel.client.subscription.ApiClient.createDefaultObjectMapper()));
        client.setRequestInterceptor(authorization(bearer));
        client.setResponseInterceptor(documented("subscription-service"));
        client.setReadTimeout(READ_TIMEOUT);
        return client;
    }

    public static com.cspchannel.client.notification.ApiClient notification(String baseUrl, String bearer) {
        com.cspchannel.client.notification.ApiClient client = new com.cspchannel.client.notification.ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return HTTP;
            }
        };
        client.updateBaseUri(baseUrl);
        client.setObjectMapper(strict(com.cspchannel.client.notification.ApiClient.createDefaultObjectMapper()));
        client.setRequestInterceptor(authorization(bearer));
        client.setResponseInterceptor(documented("notification-service"));
        client.setReadTimeout(READ_TIMEOUT);
        return client;
    }

    /** The generator's mapper ignores unknown fields; a client that proves the document must not. */
    private static ObjectMapper strict(ObjectMapper generated) {
        return generated.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    private static Consumer<HttpRequest.Builder> authorization(String bearer) {
        return request -> {
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
        };
    }

    private static DocumentedAnswers documented(String service) {
        return DOCUMENTS.computeIfAbsent(service, DocumentedAnswers::of);
    }
}
