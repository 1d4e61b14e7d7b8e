package com.cspchannel.notification.config;

import com.cspchannel.notification.catalogue.Templates;
import com.cspchannel.notification.delivery.NotificationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The delivery poll is scheduled; message templates are read (and checked) once at start. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {

    @Bean
    public Templates templates() {
        return Templates.load();
    }
}
