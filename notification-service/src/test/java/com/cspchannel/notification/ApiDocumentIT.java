package com.cspchannel.notification;

import org.junit.jupiter.api.Test;

/** The notification-service's OpenAPI document passes Redocly's recommended rules without an error or a warning. */
class ApiDocumentIT extends NotificationIntegrationTest {

    @Test
    void theApiDocumentLintsClean() throws Exception {
        assertApiDocumentLintsClean();
    }
}
