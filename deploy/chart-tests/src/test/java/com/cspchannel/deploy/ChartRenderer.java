package com.cspchannel.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Renders the chart offline with the Helm library bundled in helm-java (no helm binary, no cluster). */
final class ChartRenderer {

    static final String RELEASE = "csp-channel";
    static final String NAMESPACE = "csp";

    private ChartRenderer() {
    }

    static String render(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(ProjectPaths.chart()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0");
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    static String renderDefault() {
        return render(List.of(), Map.of());
    }

    static String renderProduction() {
        return render(List.of(ProjectPaths.productionValues()), Map.of());
    }

    /** Production values with every service switched on: what the chart will deploy once all services exist. */
    static String renderAllServices() {
        return render(List.of(ProjectPaths.productionValues()), Map.of(
                "services.customer.enabled", true,
                "services.subscription.enabled", true,
                "services.notification.enabled", true));
    }

    static LintResult lint() {
        return new Helm(ProjectPaths.chart()).lint().strict().call();
    }
}
