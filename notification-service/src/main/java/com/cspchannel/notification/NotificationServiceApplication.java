package com.cspchannel.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The notification service: turns the other services' public events into notifications and delivers them by
 * email, keeping a delivery log. It only consumes; it owns no aggregate and publishes nothing.
 */
@SpringBootApplication
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
