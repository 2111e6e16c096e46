package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Gateway API implementation does with the chart's HTTPRoute (gateway.networking.k8s.io/v1,
 * core conformance): a PathPrefix matches the path or a path continuing with '/', the longest
 * matching prefix wins, a URLRewrite ReplacePrefixMatch replaces the matched prefix, and a rule
 * without backendRefs forwards nothing (the gateway answers it).
 */
final class HttpRouteGateway implements Gateway {

    private record Rule(String prefix, String replacement, Forward backend) {
    }

    private final List<Rule> rules = new ArrayList<>();

    HttpRouteGateway(Map<String, Object> route) {
        assertEquals("gateway.networking.k8s.io/v1", route.get("apiVersion"));
        for (Map<String, Object> rule : Tree.maps(route, "spec", "rules")) {
            List<Map<String, Object>> matches = Tree.maps(rule, "matches");
            assertEquals(1, matches.size(), "one match per rule");
            assertEquals("PathPrefix", Tree.str(matches.get(0), "path", "type"));
            String prefix = Tree.str(matches.get(0), "path", "value");
            String replacement = null;
            for (Map<String, Object> filter : Tree.find(rule, "filters").map(f -> Tree.maps(rule, "filters")).orElse(List.of())) {
                assertEquals("URLRewrite", filter.get("type"));
                assertEquals("ReplacePrefixMatch", Tree.str(filter, "urlRewrite", "path", "type"));
                replacement = Tree.str(filter, "urlRewrite", "path", "replacePrefixMatch");
            }
            Forward backend = Tree.find(rule, "backendRefs")
                    .map(refs -> Tree.maps(rule, "backendRefs"))
                    .filter(refs -> !refs.isEmpty())
                    .map(refs -> new Forward(Tree.str(refs.get(0), "name"), (Integer) refs.get(0).get("port"), null))
                    .orElse(null);
            rules.add(new Rule(prefix, replacement, backend));
        }
    }

    @Override
    public Optional<Forward> route(String requestPath) {
        Optional<Rule> match = rules.stream().filter(rule -> matches(rule.prefix(), requestPath))
                .max(Comparator.comparingInt(rule -> rule.prefix().length()));
        if (match.isEmpty() || match.get().backend() == null) {
            return Optional.empty();
        }
        Rule rule = match.get();
        return Optional.of(new Forward(rule.backend().service(), rule.backend().port(), rewrite(rule, requestPath)));
    }

    private static boolean matches(String prefix, String path) {
        String trimmed = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.equals("/") || path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    private static String rewrite(Rule rule, String path) {
        if (rule.replacement() == null) {
            return path;
        }
        String rest = path.substring(rule.prefix().length());
        if (rest.isEmpty()) {
            return rule.replacement();
        }
        return rule.replacement().endsWith("/") ? rule.replacement() + rest.substring(1) : rule.replacement() + rest;
    }
}
