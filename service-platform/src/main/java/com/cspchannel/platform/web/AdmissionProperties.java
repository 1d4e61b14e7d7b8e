package com.cspchannel.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Admission control of API requests ({@link AdmissionFilter}).
 *
 * @param maxConcurrent API requests one replica works on at once; more wait up to {@code maxWait}
 * @param maxWait       how long a request waits for room before it is answered 503 {@code overloaded}
 */
@ConfigurationProperties("csp.web.admission")
public record AdmissionProperties(@DefaultValue("32") int maxConcurrent, @DefaultValue("250ms") Duration maxWait) {
}
