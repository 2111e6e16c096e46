package org.annotationlab.web.membership;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.RemoteProblem;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
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
 * When project-service cannot be asked (no connection, no answer within 2 s) the answer is null and
 * the caller falls back to its event-fed view. Both questions go through one circuit breaker that
 * opens on such a failure: project-service is then not asked again for
 * {@code lab.membership.retry-after} (5 s), so an outage does not slow every request. Not
 * retried: the view is the fallback. Blocking: call it on a worker thread.
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class ProjectOwner {

    private static final Logger LOG = Logger.getLogger(ProjectOwner.class);
    private static final int MAX_CACHED = 10_000;
    /** How long a question may take, connection included. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Cached> members = new ConcurrentHashMap<>();
    private final SecurityIdentity identity;
    private final ProjectOwnerRestClient projects;
    private final Guard guard;
    private final long ttlNanos;
    private final long retryAfterNanos;
    private volatile long unreachableUntil;

    ProjectOwner(SecurityIdentity identity,
            @ConfigProperty(name = "lab.membership.project-url", defaultValue = "http://127.0.0.1:8081") String projectUrl,
            @ConfigProperty(name = "lab.membership.cache-ttl", defaultValue = "1s") Duration ttl,
            @ConfigProperty(name = "lab.membership.retry-after", defaultValue = "5s") Duration retryAfter) {
        this.identity = identity;
        this.ttlNanos = ttl.toNanos();
        this.retryAfterNanos = retryAfter.toNanos();
        this.projects = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(projectUrl.replaceAll("/+$", "")))
                .connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build(ProjectOwnerRestClient.class);
        // One failure opens the circuit for retry-after; an answer of any status is not a failure.
        this.guard = Guard.create()
                .withTimeout().duration(TIMEOUT.toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker().requestVolumeThreshold(1).failureRatio(1.0)
                .delay(retryAfter.toMillis(), ChronoUnit.MILLIS).skipOn(RemoteProblem.class)
                .onStateChange(this::circuitChanged).done()
                .build();
    }

    private void circuitChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            unreachableUntil = System.nanoTime() + retryAfterNanos;
        }
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
        ProjectOwnerRestClient.Project project;
        try {
            project = call(() -> projects.project(projectId, "Bearer " + token), ProjectOwnerRestClient.Project.class);
        } catch (RemoteProblem e) {
            if (e.status() == 404) {
                members.remove(key(projectId, username));
                return Optional.empty();
            }
            project = null;
        }
        if (project == null || project.myRole() == null) {
            LOG.debugf("project-service gave no role for the membership of %s in %s; the view decides", username, projectId);
            return null;
        }
        ProjectRole answer = ProjectRole.valueOf(project.myRole());
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
        if (token == null) {
            return null;
        }
        ProjectOwnerRestClient.LabelingConfig config;
        try {
            config = call(() -> projects.labelingConfig(projectId, "Bearer " + token),
                    ProjectOwnerRestClient.LabelingConfig.class);
        } catch (RemoteProblem e) {
            return e.status() == 404 ? Set.of() : null;
        }
        if (config == null) {
            return null;
        }
        Set<String> labels = new LinkedHashSet<>();
        if (config.labels() != null) {
            config.labels().forEach(label -> labels.add(label.value()));
        }
        return labels;
    }

    /**
     * One question through the circuit breaker: project-service's answer, a {@link RemoteProblem}
     * for an answer of 400 or more, or null (and no asking for a while) when it could not be asked.
     */
    private <T> T call(Callable<T> question, Class<T> answer) {
        try {
            return guard.call(question, answer);
        } catch (RemoteProblem e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            return null;
        } catch (Exception e) {
            LOG.warnf("project-service could not be asked (%s); the event-fed views decide for %d s",
                    RemoteFailures.describe(e), retryAfterNanos / 1_000_000_000L);
            return null;
        }
    }

    private static String key(UUID projectId, String username) {
        return projectId + "/" + username;
    }
}
