package com.cspchannel.customer.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

@Configuration
public class CustomerConfiguration {

    /** The time source of command handlers; tests replace it. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Only hashes of temporary passwords are kept. */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
