package org.annotationlab.web.problem;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A NUL character in a query or path parameter (e.g. {@code ?tag=a%00b}, {@code /models/a%00b})
 * is a 400 naming the parameter, before any resource sees it: PostgreSQL cannot store or compare
 * it, and no name or id holds one.
 */
public class NulParameters {

    @ServerRequestFilter
    public Response refuse(UriInfo uri) {
        String field = withNul(uri.getQueryParameters());
        if (field == null) {
            field = withNul(uri.getPathParameters());
        }
        if (field == null) {
            return null;
        }
        return ProblemMapper.respond(new Problem(ProblemMapper.type("INVALID_PARAMETER"), ProblemMapper.title(400), 400,
                field + ": contains a NUL character", "INVALID_PARAMETER",
                List.of(new Problem.FieldError(field, "contains a NUL character"))));
    }

    private static String withNul(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0) {
                return "query";
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\u0000') >= 0) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }
}
