package org.annotationlab.webui.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * What a benchmark is given by its script (system properties): {@code bench.scene}, the JSON that
 * bench/web-ui/scene.py printed (the project and its tasks); {@code bench.runs}; {@code bench.out},
 * a file each run's figures are appended to as a JSON line; {@code bench.commit}, recorded with them.
 */
final class BenchSettings {

    private static final Json JSON = new Json();

    private BenchSettings() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> scene() {
        String file = System.getProperty("bench.scene");
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("-Dbench.scene=<the JSON of bench/web-ui/scene.py> is missing");
        }
        try {
            return JSON.toType(Files.readString(Path.of(file)), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String project(Map<String, Object> scene) {
        return (String) scene.get("project");
    }

    /** The scene's tasks: {id, text}, in import order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> tasks(Map<String, Object> scene) {
        return (List<Map<String, String>>) scene.get("tasks");
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)));
    }

    /** Appends one run's figures (with the bench's name and the commit measured) to {@code bench.out}. */
    static void record(String bench, int run, Map<String, Object> figures) {
        String line = JSON.toJson(Map.of("bench", bench, "run", run, "commit", System.getProperty("bench.commit", "?"),
                "url", BenchBrowser.URL, "figures", figures)).replaceAll("\\s*\\n\\s*", " ").replace("\\u002f", "/");
        String out = System.getProperty("bench.out", "");
        if (out.isBlank()) {
            System.out.println(line);
            return;
        }
        try {
            Files.writeString(Path.of(out), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
