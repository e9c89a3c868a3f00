package com.kobatela.escrow.domain;

/** Milestone statuses (spec {@code domain.md#8}, state machine {@code domain.md#9.2}, rules in {@link MilestoneTrigger}). */
public enum MilestoneStatus {
    WAITING, PENDING_REVIEW, APPROVED, REJECTED, PAYING, PAID
}
