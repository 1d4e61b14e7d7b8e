package com.cspchannel.client;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * An answer of any service's generated client, whatever its status: the status, the headers, and the body read
 * into the generated model (a 2xx) or the problem's raw JSON (an error status). For callers that act on the status,
 * such as a seed that takes 409 already-enrolled as done: {@code Answer.attempt(() -> Answer.of(api.enrolWithHttpInfo(
 * request, null)))}. The status is one the document lists ({@link DocumentedAnswers}); an answer that could not be
 * read as documented, or none at all, is {@link NoAnswer}.
 */
public record Answer<T>(int status, Map<String, List<String>> headers, T data, String problem) {

    public static final String CONSISTENCY_TOKEN = "CSP-Consistency-Token";

    /** A call of a generated client, which throws its package's ApiException. */
    public interface Call<T> {
        T call() throws Exception;
    }

    /** The value of header {@code name}, or null. */
    public String header(String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
    }

    /** What the service has seen written, to send with the next request to any service. */
    public String consistencyToken() {
        return header(CONSISTENCY_TOKEN);
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    /** The problem's {@code code}, or null. */
    public String code() {
        if (problem == null) {
            return null;
        }
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(problem);
        return code.find() ? code.group(1) : null;
    }

    @Override
    public String toString() {
        return status + " " + (problem != null ? problem : data);
    }

    public static <T> Answer<T> of(com.cspchannel.client.partnership.ApiResponse<T> response) {
        return new Answer<>(response.getStatusCode(), response.getHeaders(), response.getData(), null);
    }

    public static <T> Answer<T> of(com.cspchannel.client.customer.ApiResponse<T> response) {
        return new Answer<>(response.getStatusCode(), response.getHeaders(), response.getData(), null);
    }

    public static <T> Answer<T> of(com.cspchannel.client.subscription.ApiResponse<T> response) {
        return new Answer<>(response.getStatusCode(), response.getHeaders(), response.getData(), null);
    }

    public static <T> Answer<T> of(com.cspchannel.client.notification.ApiResponse<T> response) {
        return new Answer<>(response.getStatusCode(), response.getHeaders(), response.getData(), null);
    }

    /** The answer of {@code call} whatever its status. */
    public static <T> Answer<T> attempt(Call<Answer<T>> call) {
        try {
            return call.call();
        } catch (com.cspchannel.client.partnership.ApiException e) {
            return problem(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        } catch (com.cspchannel.client.customer.ApiException e) {
            return problem(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        } catch (com.cspchannel.client.subscription.ApiException e) {
            return problem(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        } catch (com.cspchannel.client.notification.ApiException e) {
            return problem(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NoAnswer(e);
        }
    }

    private static <T> Answer<T> problem(int status, HttpHeaders headers, String body, Exception e) {
        if (status == 0) {
            throw new NoAnswer(e);
        }
        return new Answer<>(status, headers == null ? Map.of() : headers.map(), null, body);
    }

    /** No answer to read: the body is not what the document describes, or the connection failed. */
    public static final class NoAnswer extends IllegalStateException {
        NoAnswer(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
