package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.escrow.domain.EscrowAction;
import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowDecision;
import com.kobatela.escrow.domain.EscrowEvent;
import com.kobatela.escrow.domain.Milestone;
import com.kobatela.escrow.domain.MilestoneStatus;

import io.smallrye.mutiny.Uni;

/**
 * Escrow finalisation (spec {@code rules.md#finalization}): once the escrow has at least one milestone and every one is
 * PAID, a DRAFT, FUNDED or RELEASABLE escrow becomes RELEASED with timeline {@code CLOSED {reason: all_milestones_paid}},
 * audit {@code ESCROW_RELEASED} (actor {@code system}, data {@code {source: finalize}}) and {@code EscrowReleased}
 * (reason {@code finalization}); RELEASED, REFUNDED and CANCELLED are left as they are. Runs in the transaction of the
 * change that paid the milestone, under the escrow's row lock, so it commits atomically with it.
 */
@ApplicationScoped
public class Finalization {

    @Inject
    EscrowChanges changes;

    /**
     * Finalises the (locked) escrow if its milestones are all PAID; idempotent.
     *
     * @param correlation correlation id of the triggering event
     * @return true when the escrow was released now
     */
    public Uni<Boolean> finalizeIfPaid(EscrowAgreement escrow, String correlation) {
        return Milestone.<Milestone>list("escrowId", escrow.id).chain(milestones -> {
            EscrowDecision d = EscrowAction.FINALIZE.decide(escrow.status);
            if (!allPaid(milestones) || d.kind() != EscrowDecision.Kind.CHANGE) {
                return Uni.createFrom().item(false);
            }
            Actor system = Actor.system(Actor.SYSTEM, correlation);
            return changes.changeStatus(escrow, d.target(), "finalization", system)
                    .chain(() -> changes.timeline(escrow.id, EscrowEvent.CLOSED, null, data("reason", "all_milestones_paid")))
                    .chain(() -> changes.audit(system, "ESCROW_RELEASED", EscrowChanges.ENTITY, escrow.id, data("source", "finalize")))
                    .replaceWith(true);
        });
    }

    /** True when there is at least one milestone and all are PAID (escrows without milestones are never closed here). */
    static boolean allPaid(List<Milestone> milestones) {
        return !milestones.isEmpty() && milestones.stream().allMatch(m -> m.status == MilestoneStatus.PAID);
    }
}
