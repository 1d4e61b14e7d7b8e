package com.cspchannel.subscription.web;

import org.junit.jupiter.api.Test;

/** The subscription-service's OpenAPI document passes Redocly's recommended rules without an error or a warning. */
class ApiDocumentIT extends SubscriptionIntegrationTest {

    @Test
    void theApiDocumentLintsClean() throws Exception {
        assertApiDocumentLintsClean();
    }
}
