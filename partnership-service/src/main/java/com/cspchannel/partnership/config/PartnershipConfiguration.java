package com.cspchannel.partnership.config;

import com.cspchannel.partnership.command.PartnershipProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The service's settings, bound from {@code csp.*} properties. */
@Configuration
@EnableConfigurationProperties(PartnershipProperties.class)
public class PartnershipConfiguration {
}
