package com.kobatela.kernel.event.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A milestone changed status ({@code escrow.milestone-status-changed.v1}, key = escrow id); spec
 * {@code domain.md#9.2}.
 *
 * @param milestoneId milestone id
 * @param escrowId    escrow id
 * @param idx         sequence index
 * @param oldStatus   previous status
 * @param newStatus   new status
 */
@RegisterForReflection
public record MilestoneStatusChanged(long milestoneId, long escrowId, int idx, String oldStatus, String newStatus) {
}
