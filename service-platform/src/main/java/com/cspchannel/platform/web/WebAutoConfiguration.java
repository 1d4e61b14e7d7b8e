package com.cspchannel.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.AutoConfiguration;
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
@Import({ProblemHandler.class, StrictParameters.class})
public class WebAutoConfiguration {

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

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI cspOpenApi(Environment environment) {
        String name = environment.getProperty("spring.application.name", "csp-service");
        return new OpenAPI()
                .info(new Info().title("CSP Channel " + name).version("v1")
                        .description("Errors are RFC 9457 problem details with a stable `code`. "
                                + "Every endpoint needs a bearer token (claims tid, roles, partner_type)."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
