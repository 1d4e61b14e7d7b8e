package com.cspchannel.notification.delivery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    /**
     * The policy the service ships with: {@link NotificationProperties} bound by Spring Boot's binder from the
     * service's own application.properties, its {@code @DefaultValue}s filling in what the file leaves out. Only the
     * file's own placeholder defaults are used, not this machine's environment, so the answer is the shipped one.
     */
    static RetryPolicy shipped() throws IOException {
        List<PropertySource<?>> sources = new PropertiesPropertySourceLoader()
                .load("application.properties", new ClassPathResource("application.properties"));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        return RetryPolicy.of(binder.bindOrCreate("csp.notification", NotificationProperties.class));
    }

    @Test
    void theWaitDoublesPerFailureUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30), 20);
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoffAfter(8)).isEqualTo(Duration.ofSeconds(1280));
        assertThat(policy.backoffAfter(9)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theShippedDefaultsRideOutAnOutageOfSixHoursThenGiveUp() throws IOException {
        RetryPolicy policy = shipped();
        Duration total = Duration.ZERO;
        int attempts = 1;
        for (; !policy.exhausted(attempts); attempts++) {
            total = total.plus(policy.backoffAfter(attempts));
        }
        assertThat(total).isBetween(Duration.ofHours(6), Duration.ofHours(7));
        assertThat(attempts).isEqualTo(20);
        assertThat(policy.backoffAfter(1)).as("the first retry comes soon").isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.maxBackoff()).as("an outage's end is noticed within").isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aPolicyThatCouldNeverWaitIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
