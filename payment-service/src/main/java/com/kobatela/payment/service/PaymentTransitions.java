package com.kobatela.payment.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.payment.domain.EscrowBalance;
import com.kobatela.payment.domain.LedgerEntry;
import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PaymentStatus;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment state machine of spec {@code domain.md#9.4} with its side effects, inside the caller's transaction:
 * balance (reservation → debit, or release / reversal), ledger entry, audit row ({@code rules.md#audit}) and outbox
 * event (CONTRACTS), all committed together. Callers first {@link #lock} the payment: the escrow balance's row, then
 * the payment's row ({@code SELECT ... FOR UPDATE}, always in that order), so concurrent replicas serialise on the
 * database and every transition happens once. Metrics are counted after the commit ({@link AfterCommit}).
 */
@ApplicationScoped
public class PaymentTransitions {

    static final String ENTITY = "Payment";

    /**
     * A payment and its escrow's balance, both locked in the current transaction.
     *
     * @param balance the escrow's balance
     * @param payment the payment
     */
    public record Locked(EscrowBalance balance, Payment payment) {
    }

    @Inject
    AuditWriter audit;

    @Inject
    PaymentEvents events;

    @Inject
    BalanceLedger ledger;

    @Inject
    PaymentMetrics metrics;

    /**
     * Locks a payment (balance row first, then the payment row) in the current transaction.
     *
     * @return the locked pair, or null when the payment does not exist
     */
    public Uni<Locked> lock(long paymentId) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("select p.escrowId from Payment p where p.id = :id", Long.class)
                        .setParameter("id", paymentId).getSingleResultOrNull())
                .chain(escrowId -> escrowId == null ? Uni.createFrom().nullItem()
                        : EscrowBalance.<EscrowBalance>findById(escrowId, LockModeType.PESSIMISTIC_WRITE)
                                .chain(b -> Payment.<Payment>findById(paymentId, LockModeType.PESSIMISTIC_WRITE)
                                        .map(p -> p == null ? null : new Locked(b, p))));
    }

    /**
     * Serialises, for one PSP reference, the recording of a PSP acceptance and the processing of a webhook that
     * names it (a transaction-scoped advisory lock), so that a webhook arriving while the acceptance is being recorded
     * is applied by one side or the other, never lost.
     */
    public Uni<Void> lockPspRef(String pspRef) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select count(*) from (select pg_advisory_xact_lock(7340033, hashtext(:ref))) as l", Long.class)
                .setParameter("ref", pspRef).getSingleResult()).replaceWithVoid();
    }

    /**
     * PENDING → SENT: the PSP accepted the payout. The reservation becomes a debit (ledger {@code DEBIT}), audit
     * {@code PAYMENT_EXECUTED}, event {@code payment.sent.v1}. A usage-spend payout is then settled at once (source
     * {@code usage-spend}, CONTRACTS).
     *
     * @param executor who executed it (the requester of the payout, or the caller of a manual execution)
     * @return true when the payment moved, false when it was no longer PENDING
     */
    public Uni<Boolean> sent(Locked l, String pspRef, Actor executor, AfterCommit after) {
        Payment p = l.payment();
        if (p.status != PaymentStatus.PENDING) {
            return Uni.createFrom().item(false);
        }
        var now = PaymentClock.now();
        p.status = PaymentStatus.SENT;
        p.pspRef = pspRef;
        p.sentAt = now;
        p.updatedAt = now;
        p.nextAttemptAt = null;
        p.lastPspError = null;
        l.balance().debitReserved(p.amount, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", p.escrowId);
        data.put("milestone_id", p.milestoneId);
        data.put("amount", Amounts.format(p.amount));
        data.put("idempotency_key", p.idempotencyKey);
        data.put("psp_ref", pspRef);
        data.put("source", p.source);
        after.add(() -> metrics.payout("sent", null));
        Uni<Boolean> moved = events.sent(p, executor)
                .call(ev -> ledger.book(p.escrowId, LedgerEntry.DEBIT, p.amount, LedgerEntry.paymentDebitRef(p.id), ev.eventId))
                .call(() -> audit.record(executor.name(), "PAYMENT_EXECUTED", ENTITY, p.id, data, executor.apiKeyId(), executor.requestId()))
                .replaceWith(true);
        if (!PaymentSources.USAGE_SPEND.equals(p.source)) {
            return moved;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("idempotency_key", p.idempotencyKey);
        extra.put("note", p.note);
        return moved.call(() -> settle(l, PaymentSources.USAGE_SPEND, extra, Actor.requesterOf(p), after));
    }

    /**
     * SENT → SETTLED ({@code rules.md#settlement}): audit {@code PAYMENT_SETTLED} (data escrow_id, amount, source and
     * {@code extra}), event {@code payment.settled.v1} with the settlement source. The balance does not change (SENT
     * already debits). Already SETTLED: nothing.
     *
     * @param source {@code psp_webhook}, {@code manual-execute} or {@code usage-spend}
     * @return true when the payment moved
     */
    public Uni<Boolean> settle(Locked l, String source, Map<String, Object> extra, Actor actor, AfterCommit after) {
        Payment p = l.payment();
        if (p.status != PaymentStatus.SENT) {
            return Uni.createFrom().item(false);
        }
        var now = PaymentClock.now();
        p.status = PaymentStatus.SETTLED;
        p.settledAt = now;
        p.settlementSource = source;
        p.updatedAt = now;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", p.escrowId);
        data.put("amount", Amounts.format(p.amount));
        data.put("source", source);
        data.putAll(extra);
        after.add(() -> metrics.payout("settled", null));
        return audit.record(actor.name(), "PAYMENT_SETTLED", ENTITY, p.id, data, actor.apiKeyId(), actor.requestId())
                .chain(() -> events.settled(p, source, actor))
                .replaceWith(true);
    }

    /**
     * PENDING or SENT → ERROR: the reservation is released, or the debit reversed (ledger {@code REVERSAL}); audit
     * {@code PAYMENT_FAILED} (data psp_ref, previous_status, reason_code and {@code extra}), event
     * {@code payment.failed.v1}.
     *
     * @param reasonCode {@code PSP_REJECTED} or {@code PSP_FAILED}
     * @return true when the payment moved
     */
    public Uni<Boolean> fail(Locked l, String reasonCode, Actor actor, Map<String, Object> extra, AfterCommit after) {
        Payment p = l.payment();
        PaymentStatus previous = p.status;
        if (previous != PaymentStatus.PENDING && previous != PaymentStatus.SENT) {
            return Uni.createFrom().item(false);
        }
        var now = PaymentClock.now();
        p.status = PaymentStatus.ERROR;
        p.reasonCode = reasonCode;
        p.nextAttemptAt = null;
        p.updatedAt = now;
        if (previous == PaymentStatus.PENDING) {
            l.balance().release(p.amount, now);
        } else {
            l.balance().reverseDebit(p.amount, now);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("psp_ref", p.pspRef);
        data.put("previous_status", previous.name());
        data.put("reason_code", reasonCode);
        data.put("escrow_id", p.escrowId);
        data.put("amount", Amounts.format(p.amount));
        data.putAll(extra);
        after.add(() -> metrics.payout("error", reasonCode));
        return events.failed(p, actor)
                .call(ev -> previous == PaymentStatus.SENT
                        ? ledger.book(p.escrowId, LedgerEntry.REVERSAL, p.amount, LedgerEntry.paymentReversalRef(p.id), ev.eventId)
                        : Uni.createFrom().item(false))
                .call(() -> audit.record(actor.name(), "PAYMENT_FAILED", ENTITY, p.id, data, actor.apiKeyId(), actor.requestId()))
                .replaceWith(true);
    }
}
