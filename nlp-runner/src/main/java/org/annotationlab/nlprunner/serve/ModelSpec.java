package org.annotationlab.nlprunner.serve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model to serve: the name clients use (the model registry's name, which labeling configs bind
 * labels to) and the path of a training run's output directory or of its {@code model/} folder.
 */
public record ModelSpec(String name, String path) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ModelSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("model '" + name + "' has no path");
        }
    }

    /** Parses {@code name=path[,name=path...]} from the command line. */
    public static List<ModelSpec> parseList(String list) {
        List<ModelSpec> specs = new ArrayList<>();
        for (String item : list.split(",")) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=path, got '" + item.strip() + "'");
            }
            specs.add(new ModelSpec(item.substring(0, equals).strip(), item.substring(equals + 1).strip()));
        }
        return unique(specs);
    }

    /** The specs of a {@code {"name": "path"}} object (PUT /models). */
    public static List<ModelSpec> fromMap(Map<String, String> models) {
        List<ModelSpec> specs = new ArrayList<>();
        models.forEach((name, path) -> specs.add(new ModelSpec(name, path)));
        return unique(specs);
    }

    private static List<ModelSpec> unique(List<ModelSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no model given");
        }
        Set<String> names = new HashSet<>();
        for (ModelSpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("model name '" + spec.name() + "' given twice");
            }
        }
        return List.copyOf(specs);
    }
}
