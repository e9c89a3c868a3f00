package com.kobatela.proof.domain;

import java.util.Locale;
import java.util.Set;

import com.kobatela.kernel.error.ApiException;

/**
 * The proof state machine of a human decision (spec {@code domain.md#9.3}, {@code rules.md#decision}): PENDING →
 * APPROVED or REJECTED; the same decision again is an unchanged repeat; the opposite one a conflict. Approving a
 * proof the AI advisor flagged ({@code warning}/{@code suspect}, case-insensitive) needs a non-blank note, checked
 * first ({@code api.md#6.2} order). Pure function.
 */
public final class ProofTransitions {

    private static final Set<String> FLAGGED_RISKS = Set.of("warning", "suspect");

    private ProofTransitions() {
    }

    /** What a decision does to a proof. */
    public enum Effect {
        /** The proof moves to the decided status (one effect: audit, event). */
        TRANSITION,
        /** The proof already has the decided status: answered unchanged. */
        REPEAT
    }

    /**
     * Evaluates a decision.
     *
     * @param status      the proof's current status
     * @param approve     true to approve, false to reject
     * @param aiRiskLevel the advisor's risk level or null
     * @param note        the reviewer's note or null
     * @return the effect
     * @throws ApiException 400 AI_REVIEW_NOTE_REQUIRED, 409 PROOF_ALREADY_REJECTED / PROOF_ALREADY_APPROVED
     */
    public static Effect decide(String status, boolean approve, String aiRiskLevel, String note) {
        if (approve && aiRiskLevel != null && FLAGGED_RISKS.contains(aiRiskLevel.toLowerCase(Locale.ROOT))
                && (note == null || note.isBlank())) {
            throw new ApiException(400, "AI_REVIEW_NOTE_REQUIRED", "A note is required to approve a proof flagged by the AI advisor.",
                    "note", null);
        }
        if (approve && Proof.REJECTED.equals(status)) {
            throw ApiException.conflict("PROOF_ALREADY_REJECTED", "Proof already rejected.");
        }
        if (!approve && Proof.APPROVED.equals(status)) {
            throw ApiException.conflict("PROOF_ALREADY_APPROVED", "Proof already approved.");
        }
        return target(approve).equals(status) ? Effect.REPEAT : Effect.TRANSITION;
    }

    /** The status a decision leads to. */
    public static String target(boolean approve) {
        return approve ? Proof.APPROVED : Proof.REJECTED;
    }
}
