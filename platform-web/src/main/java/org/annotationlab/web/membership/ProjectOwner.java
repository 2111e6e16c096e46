package org.annotationlab.web.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * project-service, the owner of projects, members and labeling configs, asked with the caller's
 * own token for what a command must decide on now (DESIGN.md §9):
 * <ul>
 * <li>the caller's role ({@code GET /projects/{id}}: {@code myRole}, or 404 for a non-member): a
 * member just added may act at once, and a member just removed is refused within
 * {@code lab.membership.cache-ttl} (1 s) whether or not the broker carried the removal; a
 * member's answer is kept for the TTL, a non-member's not at all;</li>
 * <li>the labels of the labeling config as saved ({@code GET /projects/{id}/labeling-config}),
 * so an import or a completion right after a config change is checked against that change.</li>
 * </ul>
 * When project-service cannot be asked the answer is null and the caller falls back to its
 * event-fed view; after such a failure it is not asked again for {@code lab.membership.retry-after}
 * (5 s), so an outage does not slow every request. Blocking: call it on a worker thread.
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class ProjectOwner {

    private static final Logger LOG = Logger.getLogger(ProjectOwner.class);
    private static final int MAX_CACHED = 10_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Cached> members = new ConcurrentHashMap<>();
    private final SecurityIdentity identity;
    private final String projectUrl;
    private final long ttlNanos;
    private final long retryAfterNanos;
    private volatile long unreachableUntil;

    ProjectOwner(SecurityIdentity identity,
            @ConfigProperty(name = "lab.membership.project-url", defaultValue = "http://127.0.0.1:8081") String projectUrl,
            @ConfigProperty(name = "lab.membership.cache-ttl", defaultValue = "1s") Duration ttl,
            @ConfigProperty(name = "lab.membership.retry-after", defaultValue = "5s") Duration retryAfter) {
        this.identity = identity;
        this.projectUrl = projectUrl.replaceAll("/+$", "");
        this.ttlNanos = ttl.toNanos();
        this.retryAfterNanos = retryAfter.toNanos();
    }

    private record Cached(ProjectRole role, long until) {
    }

    /** A member's role project-service gave within the TTL, or null. */
    public ProjectRole cached(UUID projectId, String username) {
        Cached hit = members.get(key(projectId, username));
        return hit != null && hit.until - System.nanoTime() > 0 ? hit.role : null;
    }

    /**
     * The caller's bearer token when {@code username} is the caller and project-service may be
     * asked now; null otherwise (then only the view can answer). Read on the request's thread.
     */
    public String tokenToAsk(String username) {
        if (identity.isAnonymous() || !username.equals(identity.getPrincipal().getName())
                || unreachableUntil - System.nanoTime() > 0) {
            return null;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    /** Whether the caller holds the realm role admin. Read on the request's thread. */
    public boolean callerIsAdmin() {
        return !identity.isAnonymous() && identity.hasRole(ProjectAuthorizer.ADMIN_ROLE);
    }

    /**
     * project-service's answer, blocking: the role (empty for a non-member or a project that does
     * not exist), or null when it could not be asked.
     */
    public Optional<ProjectRole> ask(UUID projectId, String username, String token) {
        HttpResponse<String> response = get("/projects/" + projectId, token);
        if (response == null) {
            return null;
        }
        if (response.statusCode() == 404) {
            members.remove(key(projectId, username));
            return Optional.empty();
        }
        JsonNode role = response.statusCode() == 200 ? read(response).path("myRole") : null;
        if (role == null || !role.isTextual()) {
            LOG.debugf("project-service answered %d for the membership of %s in %s; the view decides",
                    response.statusCode(), username, projectId);
            return null;
        }
        ProjectRole answer = ProjectRole.valueOf(role.asText());
        if (members.size() >= MAX_CACHED) {
            members.clear();
        }
        members.put(key(projectId, username), new Cached(answer, System.nanoTime() + ttlNanos));
        return Optional.of(answer);
    }

    /**
     * The labels of the project's labeling config as saved now (empty when it has none), asked
     * for the caller; null when project-service cannot be asked. Blocking.
     */
    public Set<String> labels(UUID projectId) {
        return labels(projectId, callerToken());
    }

    /** {@link #labels} from a request's event loop: the caller's token is read here, the question asked on a worker. */
    public Uni<Set<String>> labelsAsync(UUID projectId) {
        String token = callerToken();
        return Blocking.offload(() -> labels(projectId, token));
    }

    private String callerToken() {
        return identity.isAnonymous() ? null : tokenToAsk(identity.getPrincipal().getName());
    }

    private Set<String> labels(UUID projectId, String token) {
        HttpResponse<String> response = token == null ? null : get("/projects/" + projectId + "/labeling-config", token);
        if (response == null) {
            return null;
        }
        if (response.statusCode() == 404) {
            return Set.of();
        }
        if (response.statusCode() != 200) {
            return null;
        }
        Set<String> labels = new LinkedHashSet<>();
        read(response).path("labels").forEach(label -> labels.add(label.path("value").asText()));
        return labels;
    }

    /** A GET with the caller's token; null (and no asking for a while) when project-service does not answer. */
    private HttpResponse<String> get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(projectUrl + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            unreachableUntil = System.nanoTime() + retryAfterNanos;
            LOG.warnf("project-service could not be asked (%s); the event-fed views decide for %d s",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), retryAfterNanos / 1_000_000_000L);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String key(UUID projectId, String username) {
        return projectId + "/" + username;
    }
}
