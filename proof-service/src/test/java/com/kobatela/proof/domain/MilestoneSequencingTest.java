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
}
