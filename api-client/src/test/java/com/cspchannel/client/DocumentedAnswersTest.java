package com.cspchannel.client;

import com.cspchannel.client.partnership.api.DirectoryApi;
import com.cspchannel.client.partnership.model.EnrolResellerRequest;
import com.cspchannel.client.partnership.model.ResellerProfile;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a caller of the generated client relies on: an answer partnership-service's document describes is read,
 * and one it does not (a status it does not list, a field it does not name) fails the call instead of passing
 * unnoticed. The answers come from a plain HTTP server here, so that each deviation can be made on purpose; the
 * system tests run the same client against the real services.
 */
class DocumentedAnswersTest {

    private static final UUID RESELLER = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final String VIEW = "{\"resellerTenantId\":\"" + RESELLER + "\",\"name\":\"Fabrikam\"}";
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aDocumentedAnswerIsReadIntoTheModelWithItsStatus() throws Exception {
        DirectoryApi directory = answering(201, VIEW);
        Answer<?> answer = Answer.attempt(() -> Answer.of(directory.enrolWithHttpInfo(request(), null)));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(directory.enrol(request(), null).getName()).isEqualTo("Fabrikam");
    }

    @Test
    void aStatusTheDocumentDoesNotListForTheOperationFailsTheCall() throws Exception {
        DirectoryApi directory = answering(200, VIEW); // enrolling answers 201, or a listed problem
        assertThatThrownBy(() -> directory.enrol(request(), null))
                .isInstanceOf(DocumentedAnswers.UndocumentedAnswer.class)
                .hasMessageContaining("answered POST /api/v1/resellers with 200")
                .hasMessageContaining("201");
    }

    @Test
    void aFieldTheDocumentDoesNotNameFailsTheCall() throws Exception {
        DirectoryApi directory = answering(201, VIEW.replace("\"name\"", "\"displayName\""));
        assertThatThrownBy(() -> Answer.attempt(() -> Answer.of(directory.enrolWithHttpInfo(request(), null))))
                .isInstanceOf(Answer.NoAnswer.class).hasMessageContaining("displayName");
    }

    @Test
    void aListedErrorStatusIsAnAnswerWithItsProblemCode() throws Exception {
        DirectoryApi directory = answering(409, "{\"status\":409,\"code\":\"already-enrolled\"}");
        Answer<?> answer = Answer.attempt(() -> Answer.of(directory.enrolWithHttpInfo(request(), null)));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("already-enrolled");
    }

    private DirectoryApi answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    status < 400 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new DirectoryApi(ApiClients.partnership("http://127.0.0.1:" + server.getAddress().getPort(), "t"));
    }

    private static EnrolResellerRequest request() {
        return new EnrolResellerRequest().resellerTenantId(RESELLER).profile(new ResellerProfile().name("Fabrikam")
                .contactEmail("partners@fabrikam.example").country("DE").cspRegion("Europe")
                .plaPartnerIds(List.of("5123456")).pgaPartnerId("5100000"));
    }
}
