package com.kobatela.payment.service;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Steps 5, 6 and 8 (field precedence) of spec {@code rules.md#psp-webhook}: the body must be a JSON object; the event
 * id is body {@code event_id}, else body {@code id}, else header {@code X-PSP-Event-Id}; the kind is {@code type}, else
 * {@code event}, else {@code unknown}; the provider is {@code provider}, else {@code default}; the PSP reference is
 * {@code psp_ref}, else {@code payment_reference}, else header {@code X-PSP-Ref}.
 *
 * @param eventId     event id (1..100 characters)
 * @param kind        event kind (1..50)
 * @param provider    provider (1..50)
 * @param pspRef      PSP reference (..100) or null
 * @param rawJson     the body, as stored in {@code raw_json}
 * @param failureCode body {@code failure_code} or {@code error_code} of a failure event, or null
 */
public record WebhookEnvelope(String eventId, String kind, String provider, String pspRef, String rawJson, String failureCode) {

    /**
     * Reads a verified body.
     *
     * @throws com.kobatela.kernel.error.ApiException 400 {@code INVALID_PAYLOAD} (not a JSON object, NUL characters,
     *                                                field too long), 400 {@code MISSING_EVENT_ID}
     */
    public static WebhookEnvelope parse(ObjectMapper mapper, byte[] body, String headerEventId, String headerPspRef) {
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw WebhookErrors.invalidPayload("Webhook body must be a JSON object.", null);
        }
        String rawJson;
        try {
            rawJson = mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw WebhookErrors.invalidPayload("Webhook body must be a JSON object.", null);
        }
        if (rawJson.contains("\\u0000")) {
            throw WebhookErrors.invalidPayload("Webhook body must not contain NUL characters.", null);
        }
        String eventId = first(text(root, "event_id"), text(root, "id"), blankToNull(headerEventId));
        if (eventId == null) {
            throw WebhookErrors.missingEventId();
        }
        String kind = first(text(root, "type"), text(root, "event"), "unknown");
        String provider = first(text(root, "provider"), "default");
        String pspRef = first(text(root, "psp_ref"), text(root, "payment_reference"), blankToNull(headerPspRef));
        check(eventId, 100, "event_id");
        check(kind, 50, "type");
        check(provider, 50, "provider");
        check(pspRef, 100, "psp_ref");
        return new WebhookEnvelope(eventId, kind, provider, pspRef, rawJson, first(text(root, "failure_code"), text(root, "error_code")));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isValueNode() && !n.isNull() ? blankToNull(n.asText()) : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void check(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw WebhookErrors.invalidPayload(field + " must be at most " + max + " characters.", field);
        }
    }
}
