package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowEvent;
import com.kobatela.escrow.domain.Milestone;
import com.kobatela.escrow.domain.MilestoneStep;
import com.kobatela.escrow.domain.MilestoneTrigger;
import com.kobatela.escrow.domain.PayoutKeys;
import com.kobatela.escrow.domain.UsageKeys;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.kernel.event.payload.ProofDecided;
import com.kobatela.kernel.money.Amounts;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What proof and payment events do to milestones and escrows (spec {@code domain.md#9.2}, {@code rules.md#finalization},
 * CONTRACTS.md "Consumers"). Each method runs inside the consumer's transaction ({@code EventConsumer.once}: one effect
 * per event id) and first locks the escrow row, so concurrent events of one escrow are applied one after the other.
 * Duplicates and late events find the milestone already past them ({@link MilestoneStep.Kind#STALE} or
 * {@link MilestoneStep.Kind#UNCHANGED}) and change nothing. Effects carry the event's actor (spec {@code rules.md#audit}).
 */
@ApplicationScoped
public class MilestoneProgress {

    private static final Logger LOG = Logger.getLogger(MilestoneProgress.class);
    private static final String USAGE_SPEND_SOURCE = "usage-spend";

    @Inject
    EscrowChanges changes;

    @Inject
    MilestoneChanges milestones;

    @Inject
    Finalization finalization;

    /** {@code ProofSubmitted}: WAITING or REJECTED → PENDING_REVIEW. */
    public Uni<Void> proofSubmitted(ProofDecided proof, Actor actor) {
        return locked(proof.escrowId(), proof.milestoneId()).chain(t -> step(t.milestone(), MilestoneTrigger.PROOF_SUBMITTED, actor));
    }

    /** {@code ProofApproved}: → APPROVED, then the payout is requested (→ PAYING + {@code PayoutRequested}). */
    public Uni<Void> proofApproved(ProofDecided proof, Actor actor) {
        return locked(proof.escrowId(), proof.milestoneId()).chain(t -> {
            MilestoneStep s = MilestoneTrigger.PROOF_APPROVED.decide(t.milestone().status);
            Uni<Void> approved = switch (s.kind()) {
                case MOVE -> milestones.move(t.milestone(), s.target(), actor, EventTypes.PROOF_APPROVED);
                case UNCHANGED -> Uni.createFrom().voidItem();
                default -> null;
            };
            if (approved == null) {
                logStale(t.milestone(), MilestoneTrigger.PROOF_APPROVED);
                return Uni.createFrom().voidItem();
            }
            return approved.chain(() -> milestones.requestPayout(t.escrow(), t.milestone(), actor, EventTypes.PROOF_APPROVED));
        });
    }

    /** {@code ProofRejected}: PENDING_REVIEW → REJECTED (a new proof may then be submitted). */
    public Uni<Void> proofRejected(ProofDecided proof, Actor actor) {
        return locked(proof.escrowId(), proof.milestoneId()).chain(t -> step(t.milestone(), MilestoneTrigger.PROOF_REJECTED, actor));
    }

    /** {@code PaymentSent} of a milestone payout: the milestone is PAID, then the escrow finalised if all are. */
    public Uni<Void> paymentSent(PaymentUpdate payment, Actor actor) {
        if (payment.milestoneId() == null) {
            return Uni.createFrom().voidItem();
        }
        return locked(payment.escrowId(), payment.milestoneId()).chain(t -> paid(t, actor, EventTypes.PAYMENT_SENT));
    }

    /**
     * {@code PaymentSettled}: timeline {@code PAYMENT_SETTLED} once per payment (key {@code payment:<id>:settled});
     * for a usage spend also {@code USAGE_SPEND} once (key = the client's key); for a milestone payout the milestone is
     * PAID if it was not yet (a settlement implies the payout was sent) and the escrow finalised.
     */
    public Uni<Void> paymentSettled(PaymentUpdate payment, Actor actor) {
        return changes.lock(payment.escrowId()).chain(escrow -> settledEvent(escrow, payment)
                .chain(() -> usageSpendEvent(escrow, payment))
                .chain(() -> payment.milestoneId() == null ? Uni.createFrom().voidItem()
                        : milestone(escrow, payment.milestoneId()).chain(m -> paid(new Locked(escrow, m), actor, EventTypes.PAYMENT_SETTLED))));
    }

    /**
     * {@code PayoutRejected} or {@code PaymentFailed} of a milestone payout: while PAYING the milestone goes back to
     * APPROVED and {@code PAYOUT_BLOCKED} is recorded (timeline + audit; the payout is asked again on the next
     * deposit, under a new key when this one is spent: {@link PayoutKeys#spent}); a failure after PAID leaves it PAID
     * and records {@code PAYMENT_FAILED_AFTER_PAID} once per payment. A refusal of an earlier attempt's key arriving
     * late (the milestone is PAYING under a newer key) changes nothing.
     *
     * @param type {@code payment.payout-rejected.v1} or {@code payment.failed.v1}
     */
    public Uni<Void> payoutFailed(PaymentUpdate payment, Actor actor, String type) {
        if (payment.milestoneId() == null) {
            return Uni.createFrom().voidItem();
        }
        return locked(payment.escrowId(), payment.milestoneId()).chain(t -> {
            Milestone m = t.milestone();
            MilestoneStep s = MilestoneTrigger.PAYOUT_FAILED.decide(m.status);
            if (s.kind() == MilestoneStep.Kind.MOVE) {
                if (payment.idempotencyKey() != null && !payment.idempotencyKey().equals(PayoutKeys.current(m))) {
                    LOG.infof("%s of an earlier payout key of milestone %d ignored (now PAYING under %s)", type, m.id, PayoutKeys.current(m));
                    return Uni.createFrom().voidItem();
                }
                Map<String, Object> facts = failureFacts(m, payment);
                if (PayoutKeys.spent(payment.status(), payment.reasonCode())) {
                    m.payoutAttempt++;
                }
                return milestones.move(m, s.target(), actor, type)
                        .chain(() -> changes.timeline(m.escrowId, EscrowEvent.PAYOUT_BLOCKED, payment.idempotencyKey(), facts))
                        .chain(() -> changes.audit(actor, EscrowEvent.PAYOUT_BLOCKED, MilestoneChanges.ENTITY, m.id, facts));
            }
            if (s.kind() == MilestoneStep.Kind.FAILED_AFTER_PAID && EventTypes.PAYMENT_FAILED.equals(type)) {
                return failedAfterPaid(m, payment, actor);
            }
            LOG.infof("%s for milestone %d in status %s: nothing to do", type, m.id, m.status);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> failedAfterPaid(Milestone m, PaymentUpdate payment, Actor actor) {
        String key = "payment:" + payment.paymentId() + ":failed-after-paid";
        Map<String, Object> facts = failureFacts(m, payment);
        return changes.hasTimeline(m.escrowId, EscrowEvent.PAYMENT_FAILED_AFTER_PAID, key).chain(seen -> {
            if (seen) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("payment %s of milestone %d failed after the milestone was PAID: manual follow-up needed", payment.paymentId(), m.id);
            return changes.timeline(m.escrowId, EscrowEvent.PAYMENT_FAILED_AFTER_PAID, key, facts)
                    .chain(() -> changes.audit(actor, EscrowEvent.PAYMENT_FAILED_AFTER_PAID, MilestoneChanges.ENTITY, m.id, facts));
        });
    }

    private static Map<String, Object> failureFacts(Milestone m, PaymentUpdate p) {
        return data("milestone_id", m.id, "idx", m.idx, "payment_id", p.paymentId(), "amount", p.amount() == null ? null : Amounts.format(p.amount()),
                "status", p.status(), "reason_code", p.reasonCode(), "psp_ref", p.pspRef(), "idempotency_key", p.idempotencyKey());
    }

    private Uni<Void> paid(Locked t, Actor actor, String cause) {
        MilestoneStep s = MilestoneTrigger.PAYOUT_SENT.decide(t.milestone().status);
        Uni<Void> change = switch (s.kind()) {
            case MOVE -> milestones.move(t.milestone(), s.target(), actor, cause);
            case UNCHANGED -> Uni.createFrom().voidItem();
            default -> null;
        };
        if (change == null) {
            logStale(t.milestone(), MilestoneTrigger.PAYOUT_SENT);
            return Uni.createFrom().voidItem();
        }
        return change.chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> finalization.finalizeIfPaid(t.escrow(), actor.requestId())).replaceWithVoid();
    }

    private Uni<Void> settledEvent(EscrowAgreement escrow, PaymentUpdate p) {
        if (p.paymentId() == null) {
            return Uni.createFrom().voidItem();
        }
        String key = "payment:" + p.paymentId() + ":settled";
        return changes.hasTimeline(escrow.id, EscrowEvent.PAYMENT_SETTLED, key).chain(seen -> seen ? Uni.createFrom().voidItem()
                : changes.timeline(escrow.id, EscrowEvent.PAYMENT_SETTLED, key, data("payment_id", p.paymentId(),
                        "amount", Amounts.format(p.amount()), "source", p.source(), "milestone_id", p.milestoneId(), "psp_ref", p.pspRef(),
                        "idempotency_key", p.idempotencyKey(), "note", p.note())));
    }

    private Uni<Void> usageSpendEvent(EscrowAgreement escrow, PaymentUpdate p) {
        if (!USAGE_SPEND_SOURCE.equals(p.source())) {
            return Uni.createFrom().voidItem();
        }
        String clientKey = UsageKeys.clientKey(p.idempotencyKey());
        Uni<Long> seen = p.paymentId() == null
                ? changes.hasTimeline(escrow.id, EscrowEvent.USAGE_SPEND, clientKey).map(b -> b ? 1L : 0L)
                : Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from escrow_events where escrow_id = :e "
                        + "and kind = 'USAGE_SPEND' and data_json ->> 'payment_id' = :p", Long.class)
                        .setParameter("e", escrow.id).setParameter("p", String.valueOf(p.paymentId())).getSingleResult());
        return seen.chain(n -> n > 0 ? Uni.createFrom().voidItem()
                : changes.timeline(escrow.id, EscrowEvent.USAGE_SPEND, clientKey, data("payment_id", p.paymentId(),
                        "amount", Amounts.format(p.amount()), "payee_ref", p.payeeRef(), "note", p.note(), "idempotency_key", clientKey)));
    }

    private Uni<Void> step(Milestone m, MilestoneTrigger trigger, Actor actor) {
        MilestoneStep s = trigger.decide(m.status);
        if (s.kind() == MilestoneStep.Kind.MOVE) {
            return milestones.move(m, s.target(), actor, trigger.name());
        }
        if (s.kind() == MilestoneStep.Kind.STALE) {
            logStale(m, trigger);
        }
        return Uni.createFrom().voidItem();
    }

    private static void logStale(Milestone m, MilestoneTrigger trigger) {
        LOG.infof("%s ignored for milestone %d in status %s (late or out-of-order event)", trigger, m.id, m.status);
    }

    private Uni<Locked> locked(long escrowId, long milestoneId) {
        return changes.lock(escrowId).chain(escrow -> milestone(escrow, milestoneId).map(m -> new Locked(escrow, m)));
    }

    /** The milestone of this escrow; an unknown one is a poison event (dead letters), never silently dropped. */
    private static Uni<Milestone> milestone(EscrowAgreement escrow, long milestoneId) {
        return Milestone.<Milestone>findById(milestoneId).chain(m -> m == null || m.escrowId != escrow.id
                ? Uni.createFrom().failure(new IllegalArgumentException("milestone " + milestoneId + " is not a milestone of escrow " + escrow.id))
                : Uni.createFrom().item(m));
    }

    private record Locked(EscrowAgreement escrow, Milestone milestone) {
    }
}
