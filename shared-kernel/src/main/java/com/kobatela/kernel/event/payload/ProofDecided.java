package com.kobatela.kernel.event.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A proof was submitted for review, approved or rejected (topic {@code kobatela.proof.v1}, key = escrow id;
 * types {@code proof.submitted.v1}, {@code proof.approved.v1}, {@code proof.rejected.v1}); escrow-service moves
 * the milestone (spec {@code README.md#cross-service-flows}, flows 2 and 3).
 *
 * @param proofId      proof id
 * @param escrowId     escrow id
 * @param milestoneId  milestone id
 * @param milestoneIdx milestone sequence index
 * @param auto         true when the photo rules auto-approved it
 * @param note         reviewer note or review reason, may be null
 */
@RegisterForReflection
public record ProofDecided(long proofId, long escrowId, long milestoneId, int milestoneIdx, boolean auto, String note) {
}
