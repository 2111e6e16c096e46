package org.annotationlab.web.client;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The service's own bearer token for calls to other services: the client-credentials grant
 * of its Keycloak client (service account with the realm role {@code admin}), kept until shortly
 * before it expires. Blocking: for worker threads.
 */
@ApplicationScoped
public class ServiceToken {

    private final OidcClient client;
    private Tokens tokens;

    ServiceToken(OidcClient client) {
        this.client = client;
    }

    public synchronized String bearer() {
        if (tokens == null || tokens.isAccessTokenWithinRefreshInterval() || tokens.isAccessTokenExpired()) {
            tokens = client.getTokens().await().atMost(Duration.ofSeconds(30));
        }
        return "Bearer " + tokens.getAccessToken();
    }
}
