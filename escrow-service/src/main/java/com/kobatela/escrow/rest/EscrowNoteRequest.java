package com.kobatela.escrow.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.kernel.error.ApiException;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code mark-delivered}, {@code client-approve} and {@code client-reject} (spec {@code api.md#3.3}-{@code #3.5}):
 * both fields optional, each a string or null; unknown fields are refused by the shared Jackson configuration.
 *
 * @param note     free note, string or null
 * @param proofUrl free text (no proof record is created), string or null
 */
@RegisterForReflection
public record EscrowNoteRequest(JsonNode note, JsonNode proofUrl) {

    /**
     * The note of an optional body, both fields validated.
     *
     * @param body the body, or null when none was sent
     * @return the note, or null
     * @throws ApiException {@code 422 VALIDATION_ERROR} when a field is not a string
     */
    public static String optionalNote(EscrowNoteRequest body) {
        if (body == null) {
            return null;
        }
        body.proofUrlText();
        return body.noteText();
    }

    /**
     * @return the note, or null
     * @throws ApiException {@code 422 VALIDATION_ERROR} (field {@code note}) when not a string
     */
    public String noteText() {
        return text(note, "note");
    }

    /**
     * @return the proof URL, or null
     * @throws ApiException {@code 422 VALIDATION_ERROR} (field {@code proof_url}) when not a string
     */
    public String proofUrlText() {
        return text(proofUrl, "proof_url");
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.validation(field, field + " must be a string or null.");
        }
        return node.textValue();
    }
}
