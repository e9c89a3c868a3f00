package com.kobatela.payment.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.security.Caller;
import com.kobatela.payment.domain.PaymentSources;
import com.kobatela.payment.domain.PaymentStatus;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /payments/execute/{id}} (spec {@code rules.md#manual-execute}, {@code api.md#7.1}): SENT, SETTLED and
 * ERROR payments are returned unchanged; a PENDING one is checked against the balance (its own reservation excluded),
 * given the key {@code payment:<id>} if it has none (audit {@code PAYMENT_EXECUTED}), sent to the PSP with its key
 * (outside any transaction; the PSP de-duplicates, so a concurrent resend by the recovery job pays once) and settled at
 * once (source {@code manual-execute}, extra {@code {idempotency_key}}): the answer is the SETTLED payment. Audits name
 * the caller's key.
 */
@ApplicationScoped
public class ManualExecution {

    @Inject
    Transactions transactions;

    @Inject
    PaymentQueries queries;

    @Inject
    PaymentTransitions transitions;

    @Inject
    PaymentDispatcher dispatcher;

    @Inject
    PayoutService payouts;

    @Inject
    AuditWriter audit;

    /**
     * Executes a payment.
     *
     * @return the payment afterwards (SETTLED for a PENDING one that the PSP accepted)
     * @throws com.kobatela.kernel.error.ApiException 404 {@code PAYMENT_NOT_FOUND}; 409 {@code INSUFFICIENT_ESCROW_BALANCE};
     *                                                502 {@code PSP_TRANSFER_FAILED} (refused: ERROR); 503
     *                                                {@code PSP_UNAVAILABLE} (unknown outcome: stays PENDING, retried)
     */
    public Uni<PaymentView> execute(Caller caller, long paymentId) {
        Actor actor = Actor.of(caller);
        return Panache.withSession(() -> queries.visible(caller, paymentId).map(PaymentView::of))
                .chain(view -> view.status() != PaymentStatus.PENDING ? Uni.createFrom().item(view)
                        : prepare(actor, paymentId).chain(ready -> !ready ? current(caller, paymentId)
                                : dispatcher.dispatch(paymentId, actor).chain(r -> switch (r.outcome()) {
                                    case SENT, NOT_PENDING -> settle(actor, paymentId);
                                    case REJECTED -> Uni.createFrom().failure(PaymentErrors.pspTransferFailed(paymentId));
                                    case RETRY_LATER -> Uni.createFrom().failure(PaymentErrors.pspUnavailable(paymentId));
                                })));
    }

    /**
     * Balance check ({@code rules.md#balance}: deposits − SENT/SETTLED − the other PENDING payments), key for a key-less
     * payment, claim; false when the payment is no longer PENDING.
     */
    private Uni<Boolean> prepare(Actor actor, long paymentId) {
        return transactions.inTransaction(() -> transitions.lock(paymentId).chain(l -> {
            if (l == null || l.payment().status != PaymentStatus.PENDING) {
                return Uni.createFrom().item(false);
            }
            var p = l.payment();
            return otherPending(p.escrowId, p.id).chain(others -> {
                var available = l.balance().deposited.subtract(l.balance().debited).subtract(others);
                if (p.amount.compareTo(available) > 0) {
                    return Uni.createFrom().failure(PaymentErrors.insufficientBalance());
                }
                return keyAndClaim(actor, l);
            });
        }));
    }

    /** rules.md#balance literally: the PENDING payments of the escrow other than this one. */
    private static Uni<java.math.BigDecimal> otherPending(long escrowId, long paymentId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select coalesce(sum(p.amount), 0) from Payment p"
                + " where p.escrowId = :e and p.status = :pending and p.id <> :id", java.math.BigDecimal.class)
                .setParameter("e", escrowId)
                .setParameter("pending", PaymentStatus.PENDING)
                .setParameter("id", paymentId)
                .getSingleResult());
    }

    /** Gives a key-less payment the key {@code payment:<id>} (audit {@code PAYMENT_EXECUTED}), then claims it. */
    private Uni<Boolean> keyAndClaim(Actor actor, PaymentTransitions.Locked l) {
        var p = l.payment();
        Uni<Void> keyed = Uni.createFrom().voidItem();
        if (p.idempotencyKey == null) {
            p.idempotencyKey = "payment:" + p.id;
            p.updatedAt = PaymentClock.now();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("escrow_id", p.escrowId);
            data.put("milestone_id", p.milestoneId);
            data.put("amount", Amounts.format(p.amount));
            data.put("idempotency_key", p.idempotencyKey);
            data.put("psp_ref", p.pspRef);
            data.put("manual_execution", true);
            keyed = audit.record(actor.name(), "PAYMENT_EXECUTED", PaymentTransitions.ENTITY, p.id, data, actor.apiKeyId(),
                    actor.requestId());
        }
        return keyed.chain(() -> Panache.getSession().chain(s -> s.flush())).chain(() -> payouts.claim(p.id)).replaceWith(true);
    }

    /** SENT → SETTLED by manual execution. */
    private Uni<PaymentView> settle(Actor actor, long paymentId) {
        AfterCommit after = new AfterCommit();
        return transactions.inTransaction(() -> transitions.lock(paymentId).chain(l -> {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("idempotency_key", l.payment().idempotencyKey);
            return transitions.settle(l, PaymentSources.MANUAL_EXECUTE, extra, actor, after).map(x -> PaymentView.of(l.payment()));
        })).invoke(after::run);
    }

    private Uni<PaymentView> current(Caller caller, long paymentId) {
        return queries.get(caller, paymentId);
    }
}
