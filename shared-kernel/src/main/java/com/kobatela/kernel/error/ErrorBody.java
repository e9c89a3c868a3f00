package com.kobatela.kernel.error;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The common error body of every error answer (spec {@code api.md#0.2}):
 * {@code {"error": {"code", "message", "field"?, "details"?}}}.
 *
 * @param error the error itself
 */
@RegisterForReflection
public record ErrorBody(Error error) {

    /**
     * @param code    UPPER_SNAKE_CASE contract code
     * @param message human-readable, no internals
     * @param field   first failing field (dotted path) or null
     * @param details optional structured details or null
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, String field, Map<String, Object> details) {
    }

    /** Builds a body. */
    public static ErrorBody of(String code, String message, String field, Map<String, Object> details) {
        return new ErrorBody(new Error(code, message, field, details));
    }

    /** Builds a body without field and details. */
    public static ErrorBody of(String code, String message) {
        return of(code, message, null, null);
    }
}
