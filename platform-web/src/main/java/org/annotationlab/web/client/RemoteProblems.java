package org.annotationlab.web.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns another service's answer of 400 or more into a {@link RemoteRefusal} (4xx) or a
 * {@link RemoteProblem} (5xx), reading {@code reason} and {@code detail} from its problem+json
 * (the raw body when it is not JSON). Registered on every typed client
 * ({@code @RegisterProvider(RemoteProblems.class)}), so callers and fault-tolerance policies see
 * one pair of exception types whatever the service.
 */
public class RemoteProblems implements ResponseExceptionMapper<RemoteProblem> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public RemoteProblem toThrowable(Response response) {
        return of(response.getStatus(), body(response));
    }

    /** The exception for an answer with this status and body. */
    public static RemoteProblem of(int status, String body) {
        String reason = null;
        String detail = body;
        try {
            JsonNode problem = body.isBlank() ? null : JSON.readTree(body);
            if (problem != null && problem.isObject()) {
                reason = problem.path("reason").isTextual() ? problem.path("reason").asText() : null;
                detail = problem.path("detail").isTextual() ? problem.path("detail").asText() : body;
            }
        } catch (IOException e) {
            // not JSON: the body is the detail
        }
        return status < 500 ? new RemoteRefusal(status, reason, detail) : new RemoteProblem(status, reason, detail);
    }

    private static String body(Response response) {
        try {
            response.bufferEntity();
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            return body == null ? "" : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
