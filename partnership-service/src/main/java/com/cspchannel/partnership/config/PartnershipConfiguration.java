package com.cspchannel.partnership.config;

import com.cspchannel.partnership.command.PartnershipProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(PartnershipProperties.class)
public class PartnershipConfiguration {

    /** The time source of command handlers; tests replace it. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
