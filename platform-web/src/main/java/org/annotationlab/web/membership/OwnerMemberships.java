package org.annotationlab.web.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.annotationlab.events.project.ProjectRole;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The caller's role in a project as its owner, project-service, has it now (DESIGN.md §9): a
 * member just added may act at once, and a member just removed is refused within
 * {@code lab.membership.cache-ttl} (1 s) whether or not the broker carried the removal. Asked
 * with the caller's own token ({@code GET /projects/{id}}: {@code myRole}, or 404 for a
 * non-member); a member's answer is kept for the TTL, a non-member's not at all. When
 * project-service cannot be asked, the answer is empty and the caller falls back to the
 * event-fed view; after such a failure it is not asked again for {@code lab.membership.retry-after}
 * (5 s), so an outage does not slow every request. Blocking: call it on a worker thread.
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class OwnerMemberships {

    private static final Logger LOG = Logger.getLogger(OwnerMemberships.class);
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

    OwnerMemberships(SecurityIdentity identity,
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

    /**
     * project-service's answer, blocking: the role (empty for a non-member or a project that does
     * not exist), or null when it could not be asked.
     */
    public Optional<ProjectRole> ask(UUID projectId, String username, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(projectUrl + "/projects/" + projectId))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode role = json.readTree(response.body()).path("myRole");
                if (role.isTextual()) {
                    ProjectRole answer = ProjectRole.valueOf(role.asText());
                    if (members.size() >= MAX_CACHED) {
                        members.clear();
                    }
                    members.put(key(projectId, username), new Cached(answer, System.nanoTime() + ttlNanos));
                    return Optional.of(answer);
                }
            } else if (response.statusCode() == 404) {
                members.remove(key(projectId, username));
                return Optional.empty();
            }
            LOG.debugf("project-service answered %d for the membership of %s in %s; the view decides",
                    response.statusCode(), username, projectId);
            return null;
        } catch (IOException | RuntimeException e) {
            unreachableUntil = System.nanoTime() + retryAfterNanos;
            LOG.warnf("project-service could not be asked for memberships (%s); the event-fed view decides for %d s",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), retryAfterNanos / 1_000_000_000L);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String key(UUID projectId, String username) {
        return projectId + "/" + username;
    }
}
