package com.kobatela.psp.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The platform's error body: {@code {"error": {"code": "...", "message": "...", "field": "..."}}}.
 *
 * @param error the error detail
 */
public record ApiError(Detail error) {

    /**
     * Error detail.
     *
     * @param code    UPPER_SNAKE_CASE error code
     * @param message human-readable message
     * @param field   the offending input field, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {
    }

    /** Builds a JSON error response. */
    public static Response response(int status, String code, String message, String field) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(new Detail(code, message, field)))
                .build();
    }
}
