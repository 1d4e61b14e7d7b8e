package com.cspchannel.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Problem details for every error, strict request bodies, and the OpenAPI description with the bearer scheme. */
@AutoConfiguration
@Import({ProblemHandler.class, StrictParameters.class, UndocumentedProblems.class})
@org.springframework.boot.context.properties.EnableConfigurationProperties(AdmissionProperties.class)
public class WebAutoConfiguration {

    /** The bulkhead of {@link AdmissionFilter}, with its metrics ({@code resilience4j_bulkhead_*}). */
    @Bean
    public Bulkhead admissionBulkhead(AdmissionProperties admission, ObjectProvider<MeterRegistry> meters) {
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(admission.maxConcurrent())
                .maxWaitDuration(admission.maxWait())
                .build());
        Bulkhead bulkhead = bulkheads.bulkhead("api");
        meters.ifAvailable(registry -> TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry));
        return bulkhead;
    }

    /** Runs before Spring Security, so that a refused request costs no token decoding. */
    @Bean
    public FilterRegistrationBean<AdmissionFilter> admissionFilter(Bulkhead admissionBulkhead,
                                                                   ObjectMapper objectMapper) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(admissionBulkhead, objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Request bodies are read with {@link StrictJson}; answers are written as before. */
    @Bean
    public WebMvcConfigurer strictRequestBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                for (HttpMessageConverter<?> converter : converters) {
                    if (converter instanceof MappingJackson2HttpMessageConverter json) {
                        json.setObjectMapper(StrictJson.of(json.getObjectMapper()));
                    }
                }
            }
        };
    }

    /** Errors Tomcat answers itself are problem details too ({@link ProblemErrorReportValve}). */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                });
            }
        };
    }

    /** Operations on one URL under different variable names are one path of the API document. */
    @Bean
    public SamePathOperations samePathOperations() {
        return new SamePathOperations();
    }

    /** Every operation's error answers, with the problem codes it can carry, in the API document. */
    @Bean
    public ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI cspOpenApi(Environment environment) {
        String name = environment.getProperty("spring.application.name", "csp-service");
        return new OpenAPI()
                .info(new Info().title("CSP Channel " + name).version("v1")
                        .description("Errors are RFC 9457 problem details with a stable `code`. "
                                + "Every endpoint needs a bearer token (claims tid, roles, partner_type).")
                        .license(new License().name("Apache-2.0")
                                .url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
