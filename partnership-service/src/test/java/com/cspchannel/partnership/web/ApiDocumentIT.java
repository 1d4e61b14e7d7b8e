package com.cspchannel.partnership.web;

import org.junit.jupiter.api.Test;

/** The partnership-service's OpenAPI document passes Redocly's recommended rules without an error or a warning. */
class ApiDocumentIT extends IntegrationTest {

    @Test
    void theApiDocumentLintsClean() throws Exception {
        assertApiDocumentLintsClean();
    }
}
