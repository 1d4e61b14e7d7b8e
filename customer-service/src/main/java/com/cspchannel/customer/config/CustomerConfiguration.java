package com.cspchannel.customer.config;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
public class CustomerConfiguration {

    /**
     * BCrypt's lowest cost (4, 16 rounds) is enough here. A slow hash makes guessing a person's password expensive,
     * but the only passwords hashed here are temporary ones this service generates: 16 characters drawn from 70 by
     * a SecureRandom (about 95 bits), which no amount of guessing finds, whatever the cost factor. At the default
     * cost (10) the hash was three quarters of customer-service's CPU when customers were created under load (JDK
     * Flight Recorder, docs/benchmarks.md), about 100 ms per customer. Hashes of any cost verify alike.
     */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    /** The moves of a reassignment job keep its id in the metadata of every event they apply (event store). */
    @Bean
    public CorrelationDataProvider reassignmentJobCorrelation() {
        return new SimpleCorrelationDataProvider(com.cspchannel.customer.command.CustomerReassignment.JOB_ID);
    }
}
