package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.error.ApiException;
import com.kobatela.proof.domain.MilestoneSequencing.Step;

/** spec rules.md#milestone-sequencing (with the FIX: a REJECTED milestone stays current). */
class MilestoneSequencingTest {

    private static String code(Runnable r) {
        return assertThrows(ApiException.class, r::run).code();
    }

    @Test
    void currentIsLowestNotPaid() {
        List<Step> ms = List.of(new Step(1, 1, "PAID"), new Step(2, 2, "REJECTED"), new Step(3, 5, "WAITING"));
        assertEquals(2, MilestoneSequencing.current(ms).orElseThrow().idx());
        assertDoesNotThrow(() -> MilestoneSequencing.checkSubmittable(ms, 2));
        assertEquals("SEQUENCE_ERROR", code(() -> MilestoneSequencing.checkSubmittable(ms, 5)));
    }

    @Test
    void errors() {
        List<Step> paid = List.of(new Step(1, 1, "PAID"));
        assertEquals("NO_OPEN_MILESTONE", code(() -> MilestoneSequencing.checkSubmittable(paid, 1)));
        assertEquals("MILESTONE_NOT_FOUND", code(() -> MilestoneSequencing.find(paid, 0)));
        List<Step> review = List.of(new Step(1, 1, "PENDING_REVIEW"));
        assertEquals("MILESTONE_NOT_WAITING", code(() -> MilestoneSequencing.checkSubmittable(review, 1)));
    }

    @Test
    void onlyWaitingOrRejectedAcceptsAProof() {
        for (String status : new String[] {"PENDING_REVIEW", "APPROVED", "PAYING"}) {
            List<Step> ms = List.of(new Step(1, 1, "PAID"), new Step(2, 2, status), new Step(3, 3, "WAITING"));
            assertEquals("MILESTONE_NOT_WAITING", code(() -> MilestoneSequencing.checkSubmittable(ms, 2)), status);
            assertEquals("SEQUENCE_ERROR", code(() -> MilestoneSequencing.checkSubmittable(ms, 3)), status);
        }
        List<Step> waiting = List.of(new Step(1, 3, "WAITING"), new Step(2, 7, "WAITING"));
        assertDoesNotThrow(() -> MilestoneSequencing.checkSubmittable(waiting, 3), "gaps in idx are allowed");
        assertEquals("SEQUENCE_ERROR", code(() -> MilestoneSequencing.checkSubmittable(waiting, 1)),
                "an idx that is not current (even an unknown one) is out of sequence once it passed find()");
        assertEquals(7, MilestoneSequencing.find(waiting, 7).idx());
    }

    @Test
    void proofsHereDecideTheReviewStateUntilPayment() {
        assertEquals("WAITING", MilestoneSequencing.effectiveStatus("WAITING", java.util.Set.of()));
        assertEquals("PENDING_REVIEW", MilestoneSequencing.effectiveStatus("WAITING", java.util.Set.of("REJECTED", "PENDING")));
        assertEquals("APPROVED", MilestoneSequencing.effectiveStatus("PENDING_REVIEW", java.util.Set.of("APPROVED")));
        assertEquals("REJECTED", MilestoneSequencing.effectiveStatus("PENDING_REVIEW", java.util.Set.of("REJECTED")));
        assertEquals("PAYING", MilestoneSequencing.effectiveStatus("PAYING", java.util.Set.of("APPROVED")));
        assertEquals("PAID", MilestoneSequencing.effectiveStatus("PAID", java.util.Set.of("APPROVED")));
        assertEquals("APPROVED", MilestoneSequencing.effectiveStatus("APPROVED", java.util.Set.of("APPROVED")),
                "payout rejected: back to APPROVED, still not open for a proof");
    }
}
