package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ingress-nginx does with the chart's Ingress: each path becomes a case-insensitive regex
 * location anchored at the start, and a matching request is rewritten to the rewrite-target with
 * the path's groups substituted; of several matching paths the longest wins. Two matching paths of
 * the same length would be a chart bug.
 */
final class NginxGateway implements Gateway {

    private record Location(Pattern pattern, String service, int port) {
    }

    private final List<Location> locations = new ArrayList<>();
    private final String rewriteTarget;

    NginxGateway(Map<String, Object> ingress) {
        Map<String, Object> annotations = Tree.map(ingress, "metadata", "annotations");
        assertEquals("true", annotations.get("nginx.ingress.kubernetes.io/use-regex"));
        rewriteTarget = String.valueOf(annotations.get("nginx.ingress.kubernetes.io/rewrite-target"));
        for (Map<String, Object> rule : Tree.maps(ingress, "spec", "rules")) {
            for (Map<String, Object> path : Tree.maps(rule, "http", "paths")) {
                assertEquals("ImplementationSpecific", path.get("pathType"));
                locations.add(new Location(
                        Pattern.compile("^" + path.get("path"), Pattern.CASE_INSENSITIVE),
                        Tree.str(path, "backend", "service", "name"),
                        (Integer) Tree.at(path, "backend", "service", "port", "number")));
            }
        }
    }

    @Override
    public Optional<Forward> route(String requestPath) {
        // ingress-nginx orders regex locations by the length of their path, longest first, and
        // nginx takes the first regex location that matches.
        List<Forward> forwards = new ArrayList<>();
        int longest = -1;
        for (Location location : locations) {
            Matcher matcher = location.pattern().matcher(requestPath);
            if (!matcher.lookingAt()) {
                continue;
            }
            int length = location.pattern().pattern().length();
            if (length > longest) {
                forwards.clear();
                longest = length;
            }
            if (length == longest) {
                forwards.add(new Forward(location.service(), location.port(), rewrite(matcher)));
            }
        }
        if (forwards.size() > 1) {
            fail(requestPath + " matches several routes of the same length: " + forwards);
        }
        return forwards.stream().findFirst();
    }

    private String rewrite(Matcher matcher) {
        String path = rewriteTarget;
        for (int group = matcher.groupCount(); group >= 1; group--) {
            String value = matcher.group(group) == null ? "" : matcher.group(group);
            path = path.replace("$" + group, value);
        }
        return path;
    }
}
