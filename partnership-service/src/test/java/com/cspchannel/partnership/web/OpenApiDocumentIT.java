package com.cspchannel.partnership.web;

import com.cspchannel.platform.test.OpenApiDocuments;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi/partnership-service.json, from which the build generates the Java client, is what this service
 * serves at /v3/api-docs: the document can never drift from the service.
 */
class OpenApiDocumentIT extends IntegrationTest {

    @Test
    void theCommittedDocumentIsWhatTheServiceServes() throws Exception {
        OpenApiDocuments.assertServedDocumentIsCommitted(api, "partnership-service");
    }
}
