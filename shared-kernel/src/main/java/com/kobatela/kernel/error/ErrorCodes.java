package com.kobatela.kernel.error;

/** Generic error codes of spec {@code api.md#0.3}, shared by every service and the gateway. */
public final class ErrorCodes {

    public static final String NO_API_KEY = "NO_API_KEY";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String LEGACY_KEY_FORBIDDEN = "LEGACY_KEY_FORBIDDEN";
    public static final String INSUFFICIENT_SCOPE = "INSUFFICIENT_SCOPE";
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    public static final String IDEMPOTENCY_KEY_REQUIRED = "IDEMPOTENCY_KEY_REQUIRED";
    public static final String IDEMPOTENCY_KEY_CONFLICT = "IDEMPOTENCY_KEY_CONFLICT";
    public static final String IDEMPOTENCY_KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT";
    public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    public static final String ESCROW_NOT_FOUND = "ESCROW_NOT_FOUND";

    private ErrorCodes() {
    }
}
