package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.kobatela.escrow.domain.EscrowAction;
import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowDecision;
import com.kobatela.escrow.domain.EscrowErrors;
import com.kobatela.escrow.domain.EscrowEvent;
import com.kobatela.escrow.domain.EscrowStatus;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Escrow transitions after funding (spec {@code api.md#3.3}-{@code #3.6}, {@code domain.md#9.1}, {@code rules.md#escrow},
 * {@code #deadline}): mark-delivered, client-approve, client-reject, check-deadline and the deadline sweep's release.
 * Each runs in one transaction that locks the escrow row first ({@code SELECT ... FOR UPDATE}), decides with
 * {@link EscrowAction} on the fresh status, then writes status, timeline event, audit and outbox event together: of two
 * concurrent transitions one commits first and the other is decided on its result.
 */
@ApplicationScoped
public class EscrowLifecycle {

    /** Actor of the deadline sweep (spec {@code rules.md#audit}). */
    public static final String DEADLINE_ACTOR = "system:deadline";

    @Inject
    Transactions transactions;

    @Inject
    EscrowChanges changes;

    /**
     * FUNDED → RELEASABLE (timeline {@code PROOF_UPLOADED {note, proof_url}}, audit {@code ESCROW_PROOF_UPLOADED
     * {status, proof_url}}); RELEASABLE → unchanged.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}, 409 {@code ESCROW_INVALID_STATE}
     */
    public Uni<EscrowView> markDelivered(Caller caller, long escrowId, String note, String proofUrl) {
        return act(caller, escrowId, EscrowAction.MARK_DELIVERED, "mark-delivered", target -> new Effect(
                EscrowEvent.PROOF_UPLOADED, data("note", note, "proof_url", proofUrl),
                "ESCROW_PROOF_UPLOADED", data("status", target.name(), "proof_url", proofUrl)));
    }

    /**
     * FUNDED or RELEASABLE → RELEASED (timeline {@code CLIENT_APPROVED {note}}, audit {@code ESCROW_RELEASED {status,
     * note}}, {@code EscrowReleased} reason {@code client-approve}); RELEASED → unchanged. No payout is created
     * (ORIGINAL).
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}, 409 {@code ESCROW_INVALID_STATE}
     */
    public Uni<EscrowView> clientApprove(Caller caller, long escrowId, String note) {
        return act(caller, escrowId, EscrowAction.CLIENT_APPROVE, "client-approve", target -> released(note));
    }

    /**
     * DRAFT → CANCELLED (audit {@code ESCROW_CANCELLED}), FUNDED or RELEASABLE → REFUNDED (audit
     * {@code ESCROW_REJECTED}), both with timeline {@code CLIENT_REJECTED {note}}; terminal escrows unchanged.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}
     */
    public Uni<EscrowView> clientReject(Caller caller, long escrowId, String note) {
        return act(caller, escrowId, EscrowAction.CLIENT_REJECT, "client-reject", target -> new Effect(
                EscrowEvent.CLIENT_REJECTED, data("note", note),
                target == EscrowStatus.CANCELLED ? "ESCROW_CANCELLED" : "ESCROW_REJECTED", data("status", target.name(), "note", note)));
    }

    /**
     * If FUNDED and {@code deadline_at <= now} (UTC): the client-approve effect (RELEASED, {@code CLIENT_APPROVED {note:
     * null}}, audit {@code ESCROW_RELEASED} by the caller, {@code EscrowReleased} reason {@code deadline}); otherwise
     * the escrow is returned unchanged.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND}
     */
    public Uni<EscrowView> checkDeadline(Caller caller, long escrowId) {
        return transactions.inTransaction(() -> changes.visible(caller, escrowId, LockModeType.PESSIMISTIC_WRITE)
                .chain(e -> releaseIfDue(e, Actor.of(caller))).map(EscrowView::of));
    }

    /**
     * The deadline sweep's release of one escrow, actor {@code system:deadline}: same rule as {@link #checkDeadline},
     * decided under the row lock, so a second run (or another replica) finds it RELEASED and does nothing.
     *
     * @return true when this call released it
     */
    public Uni<Boolean> releaseAtDeadline(long escrowId) {
        return transactions.inTransaction(() -> changes.lock(escrowId).chain(e -> {
            EscrowStatus before = e.status;
            return releaseIfDue(e, Actor.system(DEADLINE_ACTOR, null)).map(x -> before != e.status);
        }));
    }

    private Uni<EscrowAgreement> releaseIfDue(EscrowAgreement e, Actor actor) {
        if (e.deadlineAt.isAfter(OffsetDateTime.now())) {
            return Uni.createFrom().item(e);
        }
        EscrowDecision d = EscrowAction.DEADLINE.decide(e.status);
        if (d.kind() != EscrowDecision.Kind.CHANGE) {
            return Uni.createFrom().item(e);
        }
        return apply(e, d.target(), actor, "deadline", released(null));
    }

    private static Effect released(String note) {
        return new Effect(EscrowEvent.CLIENT_APPROVED, data("note", note), "ESCROW_RELEASED",
                data("status", EscrowStatus.RELEASED.name(), "note", note));
    }

    private Uni<EscrowView> act(Caller caller, long escrowId, EscrowAction action, String name,
            Function<EscrowStatus, Effect> effect) {
        return transactions.inTransaction(() -> changes.visible(caller, escrowId, LockModeType.PESSIMISTIC_WRITE).chain(e -> {
            EscrowDecision d = action.decide(e.status);
            return switch (d.kind()) {
                case REFUSED -> Uni.createFrom().<EscrowAgreement>failure(EscrowErrors.invalidState(name, e.status));
                case UNCHANGED -> Uni.createFrom().item(e);
                case CHANGE -> apply(e, d.target(), Actor.of(caller), name, effect.apply(d.target()));
            };
        }).map(EscrowView::of));
    }

    private Uni<EscrowAgreement> apply(EscrowAgreement e, EscrowStatus target, Actor actor, String reason, Effect effect) {
        return changes.changeStatus(e, target, reason, actor)
                .chain(() -> changes.timeline(e.id, effect.timelineKind(), null, effect.timelineData()))
                .chain(() -> changes.audit(actor, effect.auditAction(), EscrowChanges.ENTITY, e.id, effect.auditData()))
                .replaceWith(e);
    }

    /** The timeline entry and audit row of a transition. */
    private record Effect(String timelineKind, Map<String, Object> timelineData, String auditAction, Map<String, Object> auditData) {
    }
}
