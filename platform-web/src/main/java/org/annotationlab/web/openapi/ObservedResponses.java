package org.annotationlab.web.openapi;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Test profile only: writes each (operation, status) a service answered during its tests to
 * {@value #FILE}, one {@code Class_method status} per line. After the tests, platform-testing's
 * {@code ApiContractIT} fails the build when one of them is missing from the OpenAPI document.
 */
@IfBuildProfile("test")
public class ObservedResponses {

    public static final String FILE = "target/openapi/observed-responses.txt";
    /** A JVM-wide mark, so the file starts empty once per test run even across application restarts. */
    private static final String STARTED = "annotationlab.observed-responses.started";

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @ServerResponseFilter
    public void record(SimpleResourceInfo resource, ContainerResponseContext response) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        String line = resource.getResourceClass().getSimpleName() + "_" + resource.getMethodName() + " "
                + response.getStatus();
        if (seen.add(line)) {
            append(line);
        }
    }

    private static synchronized void append(String line) {
        try {
            Path file = Path.of(FILE);
            Files.createDirectories(file.getParent());
            boolean first = System.getProperty(STARTED) == null;
            System.setProperty(STARTED, "true");
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
