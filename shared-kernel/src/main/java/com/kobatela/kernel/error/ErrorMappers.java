package com.kobatela.kernel.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every error into the common error body (spec {@code api.md#0.2}, {@code #0.3}): contract
 * exceptions keep their code; malformed JSON, wrong types, unknown and missing fields become
 * {@code 422 VALIDATION_ERROR} naming the first failing field; framework errors get a specific code; anything
 * unexpected is a {@code 500 INTERNAL_SERVER_ERROR} without internals (logged with its stack).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** Contract errors raised by our code. */
    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.status(), e.toBody());
    }

    /** Bean Validation failures on bodies, path and query parameters. */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(Map.of("field", fieldOf(v.getPropertyPath()), "message", v.getMessage(), "type", "value_error"));
        }
        errors.sort((a, b) -> ((String) a.get("field")).compareTo((String) b.get("field")));
        Map<String, Object> first = errors.isEmpty() ? Map.of("field", "", "message", "invalid request") : errors.get(0);
        String field = (String) first.get("field");
        return respond(422, ErrorBody.of(ErrorCodes.VALIDATION_ERROR, field + ": " + first.get("message"),
                field.isEmpty() ? null : field, Map.of("errors", errors)));
    }

    /** Unknown fields, wrong types, missing required fields, unparseable JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response jsonError(JsonProcessingException e) {
        String field = null;
        String message;
        String type;
        if (e instanceof UnrecognizedPropertyException u) {
            field = pathOf(u);
            message = "Unknown field '" + u.getPropertyName() + "'.";
            type = "extra_forbidden";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = pathOf(m);
            message = "Invalid value for field '" + field + "'.";
            type = "type_error";
        } else {
            message = "Request body is not valid JSON.";
            type = "json_invalid";
        }
        Map<String, Object> error = field == null
                ? Map.of("message", message, "type", type)
                : Map.of("field", field, "message", message, "type", type);
        return respond(422, ErrorBody.of(ErrorCodes.VALIDATION_ERROR, message, field, Map.of("errors", List.of(error))));
    }

    /**
     * Unknown fields and wrong types. Declared for this exact type so that it wins over Quarkus's built-in
     * {@code MismatchedInputException} mapper, which answers 400 in its own shape.
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonError(e);
    }

    /** A missing or invalid internal token. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(401, ErrorBody.of(ErrorCodes.UNAUTHORIZED, "Invalid or missing internal token."));
    }

    /** No identity on a protected endpoint. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(401, ErrorBody.of(ErrorCodes.UNAUTHORIZED, "Invalid or missing internal token."));
    }

    /** Authenticated, but the scope is not allowed. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, ErrorBody.of(ErrorCodes.INSUFFICIENT_SCOPE, "Insufficient scope."));
    }

    /** JAX-RS errors: unknown route, wrong method, wrong media type and friends. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonError(json);
        }
        String code = switch (status) {
            case 400 -> ErrorCodes.VALIDATION_ERROR;
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.INSUFFICIENT_SCOPE;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCodes.NOT_ACCEPTABLE;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCodes.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCodes.INTERNAL_SERVER_ERROR : "HTTP_" + status;
        };
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(status, ErrorBody.of(code, "An unexpected error occurred."));
        }
        int answered = status == 400 ? 422 : status;
        String message = switch (status) {
            case 404 -> "Not found.";
            case 405 -> "Method not allowed.";
            case 415 -> "Unsupported media type; send application/json.";
            default -> "Request refused.";
        };
        return respond(answered, ErrorBody.of(code, message));
    }

    /** Anything else: logged, answered without internals. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return respond(500, ErrorBody.of(ErrorCodes.INTERNAL_SERVER_ERROR, "An unexpected error occurred."));
    }

    private static Response respond(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Property path without the method and parameter nodes, in snake_case as the JSON names. */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
                default -> {
                    if (node.getName() != null) {
                        names.add(snake(node.getName()));
                    }
                }
            }
        }
        if (names.isEmpty()) {
            for (Path.Node node : path) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    names.add(snake(node.getName()));
                }
            }
        }
        return String.join(".", names);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
