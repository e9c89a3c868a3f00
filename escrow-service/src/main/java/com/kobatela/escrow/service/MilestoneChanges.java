package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.Milestone;
import com.kobatela.escrow.domain.MilestoneStatus;
import com.kobatela.escrow.domain.MilestoneStep;
import com.kobatela.escrow.domain.MilestoneTrigger;
import com.kobatela.escrow.domain.PayoutKeys;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.MilestoneStatusChanged;
import com.kobatela.kernel.event.payload.PayoutRequested;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.OutboxWriter;

import io.smallrye.mutiny.Uni;

/**
 * Milestone status changes, inside the caller's transaction and under its escrow's row lock: each change is audited
 * ({@code MILESTONE_STATUS_CHANGED}) and announced ({@code escrow.milestone-status-changed.v1}); a payout request moves
 * APPROVED → PAYING and stages {@code escrow.payout-requested.v1} with the deterministic key of
 * {@link PayoutKeys#milestone} (CONTRACTS.md), audited {@code PAYOUT_REQUESTED}.
 */
@ApplicationScoped
public class MilestoneChanges {

    /** Audit entity of milestones. */
    public static final String ENTITY = "Milestone";

    private static final Logger LOG = Logger.getLogger(MilestoneChanges.class);

    @Inject
    EscrowChanges changes;

    @Inject
    OutboxWriter outbox;

    /**
     * Moves a milestone to {@code to}.
     *
     * @param cause what caused it (event type or action), kept in the audit
     */
    public Uni<Void> move(Milestone m, MilestoneStatus to, Actor actor, String cause) {
        MilestoneStatus from = m.status;
        m.status = to;
        m.updatedAt = EscrowChanges.now();
        return outbox.write(Topics.ESCROW, String.valueOf(m.escrowId), EventTypes.MILESTONE_STATUS_CHANGED,
                new MilestoneStatusChanged(m.id, m.escrowId, m.idx, from.name(), to.name()), actor.name(), actor.requestId())
                .chain(() -> changes.audit(actor, "MILESTONE_STATUS_CHANGED", ENTITY, m.id, data(
                        "escrow_id", m.escrowId, "idx", m.idx, "old_status", from.name(), "new_status", to.name(), "cause", cause)));
    }

    /**
     * Requests the payout of an APPROVED milestone (APPROVED → PAYING + {@code PayoutRequested}: amount = milestone
     * amount, currency = escrow currency, beneficiary {@code user:<provider_id>}, source {@code milestone}). Any other
     * status: nothing (already requested, or not approved).
     *
     * @param escrow the milestone's escrow, locked
     */
    public Uni<Void> requestPayout(EscrowAgreement escrow, Milestone m, Actor actor, String cause) {
        MilestoneStep step = MilestoneTrigger.PAYOUT_REQUESTED.decide(m.status);
        if (step.kind() != MilestoneStep.Kind.MOVE) {
            LOG.debugf("payout of milestone %d not requested: status %s", m.id, m.status);
            return Uni.createFrom().voidItem();
        }
        String key = PayoutKeys.current(m);
        return move(m, step.target(), actor, cause)
                .chain(() -> outbox.write(Topics.ESCROW, String.valueOf(escrow.id), EventTypes.PAYOUT_REQUESTED,
                        new PayoutRequested(escrow.id, m.id, m.amount, escrow.currency, "user:" + escrow.providerId, key, "milestone", null),
                        actor.name(), actor.requestId()))
                .chain(() -> changes.audit(actor, "PAYOUT_REQUESTED", ENTITY, m.id, data(
                        "escrow_id", escrow.id, "milestone_id", m.id, "amount", Amounts.format(m.amount), "currency", escrow.currency,
                        "beneficiary", "user:" + escrow.providerId, "idempotency_key", key)));
    }

    /**
     * Asks again for the payout of every APPROVED milestone of the escrow (their payout was blocked), with the key of
     * their current attempt ({@link PayoutKeys#current}); called after a deposit (spec {@code domain.md#9.2}: retried on the next deposit).
     */
    public Uni<Void> requestBlockedPayouts(EscrowAgreement escrow, Actor actor) {
        return Milestone.<Milestone>list("escrowId = ?1 and status = ?2 order by idx", escrow.id, MilestoneStatus.APPROVED)
                .chain(blocked -> requestAll(escrow, blocked, actor));
    }

    private Uni<Void> requestAll(EscrowAgreement escrow, List<Milestone> milestones, Actor actor) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Milestone m : milestones) {
            chain = chain.chain(() -> requestPayout(escrow, m, actor, "deposit"));
        }
        return chain;
    }
}
