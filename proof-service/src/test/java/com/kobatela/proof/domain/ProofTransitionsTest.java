package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.proof.domain.ProofTransitions.Effect;

/** spec domain.md#9.3 and rules.md#decision, row by row. */
class ProofTransitionsTest {

    private static String code(String status, boolean approve, String risk, String note) {
        return assertThrows(ApiException.class, () -> ProofTransitions.decide(status, approve, risk, note)).code();
    }

    @Test
    void stateMachine() {
        assertEquals(Effect.TRANSITION, ProofTransitions.decide("PENDING", true, null, null));
        assertEquals(Effect.TRANSITION, ProofTransitions.decide("PENDING", false, null, null));
        assertEquals(Effect.REPEAT, ProofTransitions.decide("APPROVED", true, null, null));
        assertEquals(Effect.REPEAT, ProofTransitions.decide("REJECTED", false, null, null));
        assertEquals("PROOF_ALREADY_REJECTED", code("REJECTED", true, null, "n"));
        assertEquals("PROOF_ALREADY_APPROVED", code("APPROVED", false, null, "n"));
        assertEquals("APPROVED", ProofTransitions.target(true));
        assertEquals("REJECTED", ProofTransitions.target(false));
    }

    @Test
    void flaggedProofNeedsANoteToBeApprovedOnly() {
        assertEquals("AI_REVIEW_NOTE_REQUIRED", code("PENDING", true, "warning", null));
        assertEquals("AI_REVIEW_NOTE_REQUIRED", code("PENDING", true, "SUSPECT", " "));
        assertEquals("AI_REVIEW_NOTE_REQUIRED", code("REJECTED", true, "warning", null), "checked before the state (api.md 6.2 order)");
        assertEquals(Effect.TRANSITION, ProofTransitions.decide("PENDING", true, "warning", "Valid despite warning"));
        assertEquals(Effect.TRANSITION, ProofTransitions.decide("PENDING", true, "clean", null));
        assertEquals(Effect.TRANSITION, ProofTransitions.decide("PENDING", false, "suspect", null), "rejecting needs no note");
        ApiException e = assertThrows(ApiException.class, () -> ProofTransitions.decide("PENDING", true, "warning", null));
        assertEquals(400, e.status());
        assertEquals("note", e.field());
    }
}
