package org.annotationlab.web.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Gives every error response of every service's OpenAPI document its real body: the problem+json
 * schema of {@link Problem}, so a generated client can read the reason and the field errors. A
 * resource method declares which statuses it answers ({@code @APIResponse}); the ones every
 * operation of a kind shares are added here, once:
 * <ul>
 *   <li>401 and 403 on every operation that needs a token (Quarkus adds them; the shared mapper
 *       answers them);</li>
 *   <li>404 on every operation with a path parameter: no such resource, a malformed id, or a
 *       project the caller is not a member of (answered as if it did not exist);</li>
 *   <li>400 and 422 on every list ({@code sort}: an unknown key; {@code page}, {@code size}: out of
 *       range);</li>
 *   <li>400, 411, 413, 415 and 422 on every operation that reads a body (unreadable; no length; too large; a
 *       content type it does not read; an invalid field, named in {@code errors});</li>
 *   <li>400 on every operation with a parameter (a NUL character in it);</li>
 *   <li>400 and 422 on every operation that takes an {@value Idempotency#HEADER} (a malformed key; a
 *       key sent before with another request, {@code IDEMPOTENCY_KEY_REUSED});</li>
 *   <li>409 on every operation that writes (a concurrent request changed or created the same thing);</li>
 *   <li>500 on every operation: an unexpected failure, whose detail names the incident id.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "ProblemFieldError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(FIELD_ERROR, fieldErrorSchema());
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                addShared(operation);
                if (entry.getKey() != PathItem.HttpMethod.GET && entry.getKey() != PathItem.HttpMethod.HEAD) {
                    addIfAbsent(operation, "409", "another request changed or created the same thing at the same time "
                            + "(CONCURRENT_UPDATE, ALREADY_EXISTS)");
                }
                addIfAbsent(operation, "500", "an unexpected failure; the detail names the incident id in the service's log");
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (isError(response.getKey())) {
                        describe(response.getKey(), response.getValue());
                    }
                }
            }
        }
    }

    private static void addShared(Operation operation) {
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfAbsent(operation, "401", "no valid bearer token");
            addIfAbsent(operation, "403", "the caller's role does not allow this action");
        }
        if (has(operation, Parameter.In.PATH) || has(operation, Parameter.In.QUERY)) {
            addIfAbsent(operation, "400", "a parameter holds a NUL character (INVALID_PARAMETER)");
        }
        if (has(operation, Parameter.In.PATH)) {
            addIfAbsent(operation, "404", "no such resource, or a project the caller is not a member of");
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "400", "the body cannot be read: malformed, or a field this operation does not know");
            addIfAbsent(operation, "411", "the body has no Content-Length and this operation's limit is below the service's");
            addIfAbsent(operation, "413", "the body is larger than this operation accepts (PAYLOAD_TOO_LARGE)");
            addIfAbsent(operation, "415", "the body's content type is not one this operation reads");
            addIfAbsent(operation, "422", "a field is invalid; the problem's errors name it");
        }
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && Idempotency.HEADER.equalsIgnoreCase(p.getName()))) {
            addIfAbsent(operation, "400", "the Idempotency-Key is not 1 to 255 visible ASCII characters");
            addIfAbsent(operation, "422", "the Idempotency-Key was sent before with another request (IDEMPOTENCY_KEY_REUSED)");
        }
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "sort".equals(p.getName()))) {
            addIfAbsent(operation, "400", "an unknown sort key (INVALID_SORT); the detail lists the allowed ones");
            addIfAbsent(operation, "422", "page or size out of range; the problem's errors name it");
        }
    }

    private static boolean has(Operation operation, Parameter.In where) {
        return operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> p.getIn() == where);
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void describe(String status, APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("see the problem's reason and detail");
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, the body of every error response.")
                .addProperty("type", string("a URI naming the kind of problem"))
                .addProperty("title", string("the status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("the HTTP status"))
                .addProperty("detail", string("a sentence for a person"))
                .addProperty("reason", string("a stable code a client can switch on, e.g. TRAINING_IN_PROGRESS"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("field-level messages, for validation failures")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)))
                .addRequired("type").addRequired("title").addRequired("status").addRequired("reason");
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("a JSON path such as labels[2].name, or a parameter's name"))
                .addProperty("message", string("what is wrong with it"))
                .addRequired("field").addRequired("message");
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
