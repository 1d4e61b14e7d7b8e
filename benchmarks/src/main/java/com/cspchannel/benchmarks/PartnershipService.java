package com.cspchannel.benchmarks;

import com.cspchannel.infra.DevTokens;
import com.cspchannel.partnership.PartnershipServiceApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Boots partnership-service in this JVM as the benchmarks measure it: its own configuration, on the benchmark's
 * database and broker, without a web server (nothing is measured through HTTP) and with its INFO lines only.
 */
final class PartnershipService {

    private PartnershipService() {
    }

    /**
     * @param extraArgs  further Spring properties ({@code key=value}, with or without {@code --})
     * @param customizer changes to the application before it runs (e.g. an experiment's bean)
     */
    static ConfigurableApplicationContext boot(String datasourceUrl, String user, String password,
                                               String bootstrapServers, boolean relay, List<String> extraArgs,
                                               UnaryOperator<SpringApplicationBuilder> customizer) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + datasourceUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--csp.security.dev-secret=" + DevTokens.DEV_SECRET,
                "--csp.relay.enabled=" + relay,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.com.cspchannel=INFO"));
        for (String extra : extraArgs) {
            if (!extra.isBlank()) {
                args.add(extra.startsWith("--") ? extra : "--" + extra);
            }
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PartnershipServiceApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false);
        return customizer.apply(builder).run(args.toArray(String[]::new));
    }
}
