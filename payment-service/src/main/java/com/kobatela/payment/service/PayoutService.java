package com.kobatela.payment.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.payment.domain.EscrowBalance;
import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PaymentStatus;
import com.kobatela.payment.domain.PayoutCommand;
import com.kobatela.payment.domain.PayoutDecision;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * First half of a payout (spec {@code rules.md#payouts} steps 1–4, {@code #balance}), inside the caller's transaction:
 * under the escrow balance's row lock, decide ({@link PayoutDecision}), then create the PENDING payment and reserve its
 * amount, or refuse with {@code payment.payout-rejected.v1} (+ audit {@code PAYOUT_REJECTED}). Nothing here calls the
 * PSP: the reservation commits first, and the payment is handed to {@link PaymentDispatcher} after the commit (so no
 * database lock is held during the PSP call). The new payment is claimed for {@code kobatela.payment.psp.lease} so the
 * recovery job leaves it alone while the first call is under way.
 */
@ApplicationScoped
public class PayoutService {

    private static final Logger LOG = Logger.getLogger(PayoutService.class);
    private static final List<PaymentStatus> LIVE = List.of(PaymentStatus.PENDING, PaymentStatus.SENT, PaymentStatus.SETTLED);

    @Inject
    PaymentEvents events;

    @Inject
    AuditWriter audit;

    @Inject
    PaymentMetrics metrics;

    @ConfigProperty(name = "kobatela.payment.psp.lease", defaultValue = "60s")
    Duration lease;

    /**
     * Reserves a payout (current transaction).
     *
     * @param cmd   the request (amount positive, scale 2; key 1..128 characters)
     * @param after receives the post-commit work (metrics, then {@code send})
     * @param send  called after the commit with the id of the PENDING payment to send to the PSP, if any
     * @return the decision taken
     */
    public Uni<PayoutDecision> reserve(PayoutCommand cmd, AfterCommit after, LongConsumer send) {
        return EscrowBalance.<EscrowBalance>findById(cmd.escrowId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(balance -> (balance == null ? Uni.createFrom().item(PayoutDecision.decide(cmd, null, null, null))
                        : decide(cmd, balance))
                        .call(d -> apply(cmd, balance, d, after, send)));
    }

    private Uni<PayoutDecision> decide(PayoutCommand cmd, EscrowBalance balance) {
        return Payment.<Payment>find("idempotencyKey", cmd.idempotencyKey()).firstResult()
                .chain(byKey -> (byKey != null || cmd.milestoneId() == null ? Uni.createFrom().<Payment>nullItem()
                        : Payment.<Payment>find("milestoneId = ?1 and status in ?2", cmd.milestoneId(), LIVE).firstResult())
                        .map(live -> PayoutDecision.decide(cmd, balance, byKey, live)));
    }

    private Uni<Void> apply(PayoutCommand cmd, EscrowBalance balance, PayoutDecision d, AfterCommit after, LongConsumer send) {
        return switch (d.kind()) {
            case CREATE -> create(cmd, balance).invoke(p -> {
                after.add(() -> metrics.payout("pending", null));
                after.add(() -> send.accept(p.id));
            }).replaceWithVoid();
            case SEND_EXISTING -> claim(d.payment().id).invoke(() -> after.add(() -> send.accept(d.payment().id)));
            case ALREADY_DONE -> {
                LOG.debugf("payout %s: payment %d already %s, no new effect", cmd.idempotencyKey(), d.payment().id, d.payment().status);
                yield Uni.createFrom().voidItem();
            }
            case REJECT -> reject(cmd, d, after);
        };
    }

    private Uni<Payment> create(PayoutCommand cmd, EscrowBalance balance) {
        var now = PaymentClock.now();
        Payment p = new Payment();
        p.escrowId = cmd.escrowId();
        p.milestoneId = cmd.milestoneId();
        p.amount = cmd.amount();
        p.currency = cmd.currency();
        p.status = PaymentStatus.PENDING;
        p.idempotencyKey = cmd.idempotencyKey();
        p.source = cmd.source();
        p.payeeRef = cmd.payeeRef();
        p.beneficiary = cmd.beneficiary();
        p.note = cmd.note();
        p.requestedBy = cmd.actor();
        p.correlationId = cmd.correlation();
        p.pspAttempts = 1;
        p.nextAttemptAt = now.plus(lease);
        p.createdAt = now;
        p.updatedAt = now;
        balance.reserve(p.amount, now);
        return p.persistAndFlush();
    }

    /** Claims an existing PENDING payment for one more PSP attempt (attempts + 1, lease). */
    Uni<Void> claim(long paymentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update payments set psp_attempts = psp_attempts + 1,"
                + " next_attempt_at = now() + :leaseMs * interval '1 millisecond', updated_at = now() where id = :id and status = 'PENDING'")
                .setParameter("leaseMs", (double) lease.toMillis())
                .setParameter("id", paymentId)
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> reject(PayoutCommand cmd, PayoutDecision d, AfterCommit after) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", cmd.escrowId());
        data.put("milestone_id", cmd.milestoneId());
        data.put("amount", cmd.amount() == null ? null : Amounts.format(cmd.amount()));
        data.put("idempotency_key", cmd.idempotencyKey());
        data.put("source", cmd.source());
        data.put("reason_code", d.reason());
        after.add(() -> metrics.payout("rejected", d.reason()));
        LOG.infof("payout %s refused: %s", cmd.idempotencyKey(), d.reason());
        return events.rejected(cmd, d.payment(), d.reason())
                .chain(() -> audit.record(cmd.actor(), "PAYOUT_REJECTED", PaymentTransitions.ENTITY,
                        d.payment() == null ? 0 : d.payment().id, data, null, cmd.correlation()));
    }
}
