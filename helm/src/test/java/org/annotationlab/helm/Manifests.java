package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes objects of one {@code helm template} output, looked up by kind and name. */
final class Manifests {

    private final List<Map<String, Object>> objects;

    private Manifests(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String rendered) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document instanceof Map) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new Manifests(objects);
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(Tree.str(o, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("no " + kind + " " + name + " among " + names(kind)));
    }

    List<String> names(String kind) {
        return ofKind(kind).stream().map(o -> Tree.str(o, "metadata", "name")).collect(Collectors.toList());
    }

    /** The data of a ConfigMap, as strings. */
    Map<String, String> configMapData(String name) {
        return Tree.strings(Tree.map(get("ConfigMap", name), "data"));
    }

    /** The first container of a Deployment or StatefulSet. */
    Map<String, Object> container(String kind, String name) {
        return Tree.map(get(kind, name), "spec", "template", "spec", "containers", 0);
    }
}
