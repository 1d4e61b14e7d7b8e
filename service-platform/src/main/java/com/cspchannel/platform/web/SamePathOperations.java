package com.cspchannel.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two controller methods may map the same URL under different variable names ({@code /invitations/{token}} for a
 * reseller's GET, {@code /invitations/{invitationId}} for a provider's DELETE): one path to HTTP, but two paths to
 * OpenAPI, which a client generator cannot tell apart. They become one path, named as the first; an operation whose
 * variable was renamed keeps its own schema and description and says its name in the code in
 * {@value #NAME_IN_CODE}.
 */
public class SamePathOperations implements OpenApiCustomizer {

    public static final String NAME_IN_CODE = "x-name-in-code";

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        Map<String, String> firstByShape = new LinkedHashMap<>();
        Paths merged = new Paths();
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            String shape = VARIABLE.matcher(path.getKey()).replaceAll("{}");
            String first = firstByShape.putIfAbsent(shape, path.getKey());
            if (first == null) {
                merged.addPathItem(path.getKey(), path.getValue());
                continue;
            }
            Map<String, String> renamed = renaming(path.getKey(), first);
            PathItem into = merged.get(first);
            path.getValue().readOperationsMap().forEach((method, operation) -> {
                rename(operation, renamed);
                into.operation(method, operation);
            });
        }
        openApi.setPaths(merged);
    }

    private static Map<String, String> renaming(String from, String to) {
        List<String> names = variables(from);
        List<String> targets = variables(to);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(targets.get(i))) {
                renamed.put(names.get(i), targets.get(i));
            }
        }
        return renamed;
    }

    private static List<String> variables(String path) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void rename(Operation operation, Map<String, String> renamed) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            String target = "path".equals(parameter.getIn()) ? renamed.get(parameter.getName()) : null;
            if (target != null) {
                parameter.addExtension(NAME_IN_CODE, parameter.getName());
                if (parameter.getDescription() == null) {
                    parameter.setDescription("The " + parameter.getName() + ".");
                }
                parameter.setName(target);
            }
        }
    }
}
