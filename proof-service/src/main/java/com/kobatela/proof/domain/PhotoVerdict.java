package com.kobatela.proof.domain;

/**
 * Outcome of the photo rules (spec {@code rules.md#photo-rules}): auto-approve, review with a soft reason, or a
 * hard refusal with its contract code and message.
 *
 * @param outcome      what to do with the proof
 * @param code         hard error code ({@code GEOFENCE_VIOLATION}, ...) or soft review reason
 *                     ({@code UNTRUSTED_SOURCE}, {@code MISSING_METADATA}); null when approved
 * @param message      message of a hard error (ORIGINAL wording); null otherwise
 */
public record PhotoVerdict(Outcome outcome, String code, String message) {

    /** What the pipeline does. */
    public enum Outcome { APPROVE, REVIEW, REJECT }

    static final String PHOTO_FAILED = "Photo failed validation.";
    static final String INVALID_METADATA = "Invalid photo metadata.";

    /** Auto-approve. */
    public static PhotoVerdict approve() {
        return new PhotoVerdict(Outcome.APPROVE, null, null);
    }

    /** Review needed for a soft reason. */
    public static PhotoVerdict review(String reason) {
        return new PhotoVerdict(Outcome.REVIEW, reason, null);
    }

    /** Hard refusal (422). */
    public static PhotoVerdict reject(String code, String message) {
        return new PhotoVerdict(Outcome.REJECT, code, message);
    }
}
