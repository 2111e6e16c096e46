package org.annotationlab.web.limits;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Each endpoint reads a body only up to its own limit: {@code lab.http.body-limit} (1 MB) unless
 * its method says otherwise with {@link BodyLimit}. The limit is checked against
 * {@code Content-Length} before the body is read, so a 100 MB completion costs the service
 * nothing: 413 {@code PAYLOAD_TOO_LARGE}. A body without a length (chunked) is accepted only where
 * the limit is the service-wide {@code quarkus.http.limits.max-body-size}, which Vert.x enforces while
 * reading; elsewhere it is a 411 {@code LENGTH_REQUIRED}.
 */
public class BodyLimits {

    private final long defaultLimit;
    private final long serviceLimit;

    BodyLimits(@ConfigProperty(name = "lab.http.body-limit", defaultValue = "1M") MemorySize defaultLimit,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize serviceLimit) {
        this.defaultLimit = defaultLimit.asLongValue();
        this.serviceLimit = serviceLimit.asLongValue();
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response limit(ContainerRequestContext request, ResourceInfo resource) {
        String header = request.getHeaderString("Content-Length");
        String transferEncoding = request.getHeaderString("Transfer-Encoding");
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
        if (header == null && !chunked) {
            return null; // no body
        }
        BodyLimit declared = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(BodyLimit.class);
        long limit = Math.min(serviceLimit, declared != null ? (long) declared.megabytes() << 20 : defaultLimit);
        if (header == null) {
            if (limit < serviceLimit) {
                throw new ProblemException(411, "LENGTH_REQUIRED", "a body sent here needs a Content-Length header"
                        + " (at most " + limit + " bytes)", List.of(new Problem.FieldError("Content-Length", "missing")));
            }
            return null;
        }
        long length;
        try {
            length = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(400, "INVALID_PARAMETER", "Content-Length: not a number",
                    List.of(new Problem.FieldError("Content-Length", "not a number")));
        }
        if (length > limit) {
            throw new ProblemException(413, "PAYLOAD_TOO_LARGE", "the body is " + length + " bytes; this endpoint accepts at most "
                    + limit, List.of(new Problem.FieldError("body", "larger than " + limit + " bytes")));
        }
        return null;
    }
}
