package org.annotationlab.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart under test, driven through an embedded Helm (helm-java): {@code helm template} and
 * {@code helm lint} as the CLI runs them ({@link FakeKubernetesApi} explains the one difference).
 * Renders are cached: the chart does not change during a test run.
 */
final class Chart {

    static final Path DIR = Paths.get(System.getProperty("chart.dir", "annotation-lab")).toAbsolutePath();
    static final Path BUNDLED_VALUES = DIR.resolve("values-bundled.yaml");
    static final String RELEASE = "lab";
    static final String NAMESPACE = "annotation-lab";

    /** The five services and their ports (DESIGN.md §8). */
    static final Map<String, Integer> SERVICES = orderedServices();

    private static final Map<String, Manifests> RENDERS = new ConcurrentHashMap<>();

    private Chart() {
    }

    /** The manifests of {@code helm template lab} with the default values. */
    static Manifests defaults() {
        return render(null, Map.of());
    }

    /** The manifests with values-bundled.yaml: Kafka, PostgreSQL and Keycloak in the release. */
    static Manifests bundled() {
        return render(BUNDLED_VALUES, Map.of());
    }

    /** The manifests with {@code --set key=value} for each entry (and optionally a values file). */
    static Manifests render(Path valuesFile, Map<String, String> sets) {
        String key = valuesFile + " " + new TreeMap<>(sets);
        return RENDERS.computeIfAbsent(key, k -> template(valuesFile, sets));
    }

    /**
     * The manifests of an upgrade: the given Secrets already exist in the namespace (their data
     * in plain text), as the chart's {@code lookup} sees them. Not cached.
     */
    static synchronized Manifests upgrade(Map<String, Map<String, String>> existingSecrets, Path valuesFile) {
        FakeKubernetesApi api = FakeKubernetesApi.ensureRunning();
        existingSecrets.forEach(api::putSecret);
        try {
            return template(valuesFile, Map.of());
        } finally {
            api.forgetSecrets();
        }
    }

    private static synchronized Manifests template(Path valuesFile, Map<String, String> sets) {
        FakeKubernetesApi.ensureRunning();
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        sets.forEach(template::set);
        return Manifests.parse(template.call());
    }

    /** A values file holding this YAML, for values too nested for {@code --set}. */
    static Path valuesFile(String yaml) {
        try {
            Path file = Files.createTempFile("values", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm lint} of the chart with its values.yaml. */
    static LintResult lint() {
        return new Helm(DIR).lint().call();
    }

    /**
     * {@code helm lint} of the chart with a values file layered over values.yaml. helm-java's
     * lint takes no values, so the chart is copied and its values.yaml replaced by the merge.
     */
    static LintResult lintWith(Path valuesFile) {
        try {
            Path copy = Files.createTempDirectory("annotation-lab-chart");
            copyTree(DIR, copy.resolve(DIR.getFileName()));
            Path chart = copy.resolve(DIR.getFileName());
            Yaml yaml = new Yaml();
            Map<String, Object> values = yaml.load(Files.readString(DIR.resolve("values.yaml")));
            Map<String, Object> overrides = yaml.load(Files.readString(valuesFile));
            Files.writeString(chart.resolve("values.yaml"), yaml.dump(deepMerge(values, overrides)));
            try {
                return new Helm(chart).lint().call();
            } finally {
                deleteTree(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> orderedServices() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("project-service", 8081);
        services.put("annotation-service", 8082);
        services.put("training-service", 8083);
        services.put("deploy-service", 8084);
        services.put("preannotation-service", 8085);
        return Collections.unmodifiableMap(services);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value instanceof Map && merged.get(key) instanceof Map) {
                merged.put(key, deepMerge((Map<String, Object>) merged.get(key), (Map<String, Object>) value));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
