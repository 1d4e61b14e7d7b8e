package com.cspchannel.notification.query;

/** Where a notification is in its delivery (the API's and the log's names). */
public enum NotificationStatus {
    /** Waiting for the recipient's contact address (its profile has not arrived yet). */
    pending_address,
    /** Written and due, or waiting for another attempt after a temporary failure. */
    pending,
    /** Accepted by the SMTP server. */
    sent,
    /** Never to be sent: a permanent failure, too many temporary ones, or no address within the timeout. */
    failed,
    /** No SMTP server is configured: recorded, not sent. */
    not_sent,
    /**
     * Its sender stopped during the SMTP exchange: the server may or may not have accepted the message. Not
     * mailed again, so that nobody gets a notification twice.
     */
    uncertain
}
