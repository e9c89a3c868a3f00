package com.kobatela.kernel.event.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An escrow changed status ({@code escrow.status-changed.v1}, key = escrow id); spec {@code domain.md#9.1}.
 *
 * @param escrowId  escrow id
 * @param oldStatus previous status
 * @param newStatus new status
 * @param reason    what caused it ({@code deposit}, {@code client-approve}, {@code deadline}, {@code finalization}, ...)
 */
@RegisterForReflection
public record EscrowStatusChanged(long escrowId, String oldStatus, String newStatus, String reason) {
}
