package com.cspchannel.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, with the label names matched on each. promtool checks that the
 * expressions parse (see {@link Promtool#checkExpressions}) but has no command that lists their selectors, which the
 * scrape check needs; so, on expressions promtool accepted, the parts that are not selectors (strings, label lists
 * of by/without/on/ignoring/group_*, ranges, offsets) are blanked out and the remaining names that are not followed
 * by "(" (functions, aggregations) and are not operators are the metrics.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern NOT_A_SELECTOR = Pattern.compile(
            "(?i)\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\[[^]]*]|\\boffset\\s+-?[0-9a-z]+");
    private static final Pattern SELECTOR = Pattern.compile(
            "(?<![\\w:.])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()\\s*(?:\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
    private static final Set<String> OPERATORS = Set.of("and", "or", "unless", "bool", "atan2", "inf", "nan",
            "offset", "start", "end", "group_left", "group_right");

    private PromQl() {
    }

    /** Metric name to the label names its selectors match on. */
    static Map<String, Set<String>> metrics(String expression) {
        String selectors = NOT_A_SELECTOR.matcher(STRING.matcher(expression).replaceAll("\"\"")).replaceAll(" ");
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(selectors);
        while (selector.find()) {
            if (OPERATORS.contains(selector.group(1).toLowerCase())) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(selector.group(1), name -> new LinkedHashSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2) == null ? "" : selector.group(2));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
        }
        return metrics;
    }
}
