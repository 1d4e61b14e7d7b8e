package com.cspchannel.notification;

import com.cspchannel.platform.test.OpenApiDocuments;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi/notification-service.json, from which the build generates the Java client, is what this service
 * serves at /v3/api-docs: the document can never drift from the service.
 */
class OpenApiDocumentIT extends NotificationIntegrationTest {

    @Test
    void theCommittedDocumentIsWhatTheServiceServes() throws Exception {
        OpenApiDocuments.assertServedDocumentIsCommitted(api, "notification-service");
    }
}
