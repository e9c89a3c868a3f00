package com.kobatela.kernel.error;

import java.util.Map;

/**
 * A business or request error with its HTTP status and contract code (UPPER_SNAKE_CASE, spec
 * {@code api.md#0.2}). Rendered by {@link ErrorMappers} as the common error body.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, Object> details;

    /**
     * @param status  HTTP status (4xx or 5xx)
     * @param code    contract error code, e.g. {@code ESCROW_NOT_FOUND}
     * @param message human-readable message (never internals)
     */
    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    /** Same, naming the failing field and optional details. */
    public ApiException(int status, String code, String message, String field, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The error body for this exception. */
    public ErrorBody toBody() {
        return ErrorBody.of(code, getMessage(), field, details);
    }

    /** {@code 404 <code>} with a message. */
    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    /** {@code 409 <code>} with a message. */
    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    /** {@code 422 VALIDATION_ERROR} naming the field. */
    public static ApiException validation(String field, String message) {
        return new ApiException(422, ErrorCodes.VALIDATION_ERROR, message, field,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message, "type", "value_error"))));
    }
}
