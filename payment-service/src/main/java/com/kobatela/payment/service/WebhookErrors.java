package com.kobatela.payment.service;

import java.util.Map;

import com.kobatela.kernel.error.ApiException;

/** Error codes and messages of {@code POST /psp/webhook} (spec {@code api.md#7.2}, in the order they are checked). */
public final class WebhookErrors {

    public static final String SECRET_NOT_CONFIGURED = "WEBHOOK_SECRET_NOT_CONFIGURED";
    public static final String SIGNATURE_MISSING = "WEBHOOK_SIGNATURE_MISSING";
    public static final String TIMESTAMP_INVALID = "WEBHOOK_TIMESTAMP_INVALID";
    public static final String TIMESTAMP_DRIFT = "WEBHOOK_TIMESTAMP_DRIFT";
    public static final String SIGNATURE_INVALID = "WEBHOOK_SIGNATURE_INVALID";
    public static final String INVALID_PAYLOAD = "INVALID_PAYLOAD";
    public static final String MISSING_EVENT_ID = "MISSING_EVENT_ID";
    public static final String REPLAY = "WEBHOOK_REPLAY";
    public static final String STRIPE_DISABLED = "STRIPE_DISABLED";

    private WebhookErrors() {
    }

    static ApiException secretNotConfigured() {
        return new ApiException(503, SECRET_NOT_CONFIGURED, "PSP webhook secret not configured.");
    }

    static ApiException signatureMissing() {
        return new ApiException(401, SIGNATURE_MISSING, "Missing PSP signature or timestamp header.");
    }

    static ApiException timestampInvalid() {
        return new ApiException(401, TIMESTAMP_INVALID, "PSP timestamp is neither Unix seconds nor ISO-8601.");
    }

    static ApiException timestampDrift(long ageSeconds, long maxDriftSeconds) {
        return new ApiException(401, TIMESTAMP_DRIFT, "PSP timestamp outside the allowed window.", null,
                Map.of("age_seconds", ageSeconds, "max_drift_seconds", maxDriftSeconds));
    }

    static ApiException signatureInvalid() {
        return new ApiException(401, SIGNATURE_INVALID, "Invalid PSP signature.");
    }

    static ApiException invalidPayload(String message, String field) {
        return new ApiException(400, INVALID_PAYLOAD, message, field, null);
    }

    static ApiException missingEventId() {
        return new ApiException(400, MISSING_EVENT_ID, "Webhook event_id is required.");
    }

    /** 401: the event id was seen within the replay window. */
    static ApiException recentReplay() {
        return new ApiException(401, REPLAY, "Duplicate PSP webhook event detected.");
    }

    /** 409: the (provider, event_id) is already stored. */
    static ApiException storedReplay() {
        return new ApiException(409, REPLAY, "PSP webhook event already processed.");
    }

    /** 503 for {@code /psp/stripe/webhook}: Stripe is disabled ([BEYOND SEED SCOPE]). */
    public static ApiException stripeDisabled() {
        return new ApiException(503, STRIPE_DISABLED, "Stripe is disabled.");
    }
}
