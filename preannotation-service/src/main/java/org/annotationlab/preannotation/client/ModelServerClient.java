package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.annotationlab.web.client.RemoteFailures;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The project's model server ({@code POST /predict}), blocking. A failed call is an
 * {@link IOException}: {@link Unavailable} when nobody answers at the address or the server is not
 * ready, otherwise an answer about the request.
 */
@ApplicationScoped
public class ModelServerClient {

    private final ModelServerRestClient servers;

    ModelServerClient(@RestClient ModelServerRestClient servers) {
        this.servers = servers;
    }

    /** The server's spans for each text, in input order, from the named models only. */
    public List<TextSpans> predict(String endpoint, List<String> texts, List<String> models) throws IOException {
        String base = endpoint.replaceAll("/+$", "");
        try {
            return servers.predict(base, new ModelServerRestClient.Texts(texts, models)).results();
        } catch (RuntimeException e) {
            String message = "POST " + base + "/predict " + RemoteFailures.describe(e);
            throw RemoteFailures.unreachable(e) ? new Unavailable(message, e) : new IOException(message, e);
        }
    }

    /** The spans found in one text, and each model's uncertainty about it, by model name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSpans(List<PredictedSpan> spans, Map<String, Uncertainty> uncertainty) {

        public TextSpans(List<PredictedSpan> spans) {
            this(spans, Map.of());
        }
    }

    /**
     * How unsure a model is of its tags for a whole text, each measure higher when more unsure
     * (nlp-runner's {@code Uncertainty}); {@code entropy} null when the model gave no all-tag scores.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Uncertainty(double leastConfidence, double mnlp, Double entropy) {
    }

    /** A span one model found, with its confidence. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PredictedSpan(String model, String label, int start, int end, double confidence) {
    }

    /**
     * Nobody answers at the address, or the server says it is not ready (503): it may be
     * restarting, possibly elsewhere. Other failures are answers about the request itself.
     */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
