package com.cspchannel.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the metric names (and the label names matched on each) in a PromQL expression, including Grafana's
 * variables ($__rate_interval, $application) and label_values(...) queries. A small tokenizer, not a full parser:
 * enough to check that dashboards and alerts only name metrics the services expose.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan", "start", "end");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQl() {
    }

    /** Metric name to the label names its selectors match on. */
    static Map<String, Set<String>> metrics(String expression) {
        String expr = expression.replaceAll("label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)", "$1");
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
                if (i == 0) {
                    throw new IllegalArgumentException("unclosed [ in " + expression);
                }
            } else if (c == '{') {
                int end = closing(expr, i, '{', '}');
                labels(expr.substring(i + 1, end)).forEach(label -> metrics.computeIfAbsent("{}", k -> new LinkedHashSet<>()).add(label));
                i = end + 1;
            } else if (c == '$') {
                i++;
                if (i < n && expr.charAt(i) == '{') {
                    i = expr.indexOf('}', i) + 1;
                } else {
                    while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
                        i++;
                    }
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.' || expr.charAt(i) == '_')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (LABEL_LIST_KEYWORDS.contains(word.toLowerCase())) {
                    if (next < n && expr.charAt(next) == '(') {
                        i = closing(expr, next, '(', ')') + 1;
                    }
                } else if (KEYWORDS.contains(word.toLowerCase())) {
                    if (word.equalsIgnoreCase("offset")) {
                        i = next;
                        while (i < n && !Character.isWhitespace(expr.charAt(i)) && expr.charAt(i) != ')') {
                            i++;
                        }
                    }
                } else if ((next < n && expr.charAt(next) == '(') || AGGREGATIONS.contains(word)) {
                    i = next; // a function or an aggregation
                } else {
                    Set<String> labels = metrics.computeIfAbsent(word, k -> new LinkedHashSet<>());
                    if (next < n && expr.charAt(next) == '{') {
                        int end = closing(expr, next, '{', '}');
                        labels.addAll(labels(expr.substring(next + 1, end)));
                        i = end + 1;
                    }
                }
            } else {
                i++;
            }
        }
        metrics.remove("{}");
        return metrics;
    }

    private static Set<String> labels(String matchers) {
        Set<String> labels = new LinkedHashSet<>();
        int i = 0;
        while (i < matchers.length()) {
            char c = matchers.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(matchers, i);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < matchers.length() && (Character.isLetterOrDigit(matchers.charAt(i)) || matchers.charAt(i) == '_')) {
                    i++;
                }
                labels.add(matchers.substring(start, i));
            } else {
                i++;
            }
        }
        return labels;
    }

    private static int skipString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closing(String s, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + opening + " in " + s);
    }
}
