package com.cspchannel.customer.web;

import org.junit.jupiter.api.Test;

/** The customer-service's OpenAPI document passes Redocly's recommended rules without an error or a warning. */
class ApiDocumentIT extends CustomerIntegrationTest {

    @Test
    void theApiDocumentLintsClean() throws Exception {
        assertApiDocumentLintsClean();
    }
}
