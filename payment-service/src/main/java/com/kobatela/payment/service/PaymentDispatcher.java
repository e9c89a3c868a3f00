package com.kobatela.payment.service;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.payment.client.PspClient;
import com.kobatela.payment.client.PspPayoutRequest;
import com.kobatela.payment.client.PspPayoutResult;
import com.kobatela.payment.client.PspRejectedException;
import com.kobatela.payment.domain.Payment;
import com.kobatela.payment.domain.PaymentStatus;
import com.kobatela.payment.domain.PayoutRejections;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Second half of a payout (spec {@code rules.md#payouts} step 4–5): sends a PENDING payment to the PSP with its own
 * idempotency key, outside any database transaction, then records the answer in a new transaction:
 * <ul>
 * <li>accepted → SENT ({@link PaymentTransitions#sent}; a usage spend is settled at once), and a settlement or failure
 * webhook that arrived before this was recorded is applied ({@link StoredWebhookOutcomes});</li>
 * <li>refused for good (4xx) → ERROR {@code PSP_REJECTED}, amount released, {@code payment.failed.v1};</li>
 * <li>unknown outcome (5xx, network error, timeout, open circuit, full bulkhead) → the payment stays PENDING with its
 * reservation, and the recovery job sends it again with the same key after a doubling back-off
 * ({@code kobatela.payment.recovery.backoff}, at most {@code max-backoff}). The PSP de-duplicates on the key, so a
 * payout whose first answer was lost is never paid twice.</li>
 * </ul>
 * A crash between the PSP's acceptance and the second transaction leaves the payment PENDING: the same path.
 */
@ApplicationScoped
public class PaymentDispatcher {

    private static final Logger LOG = Logger.getLogger(PaymentDispatcher.class);

    /** What a dispatch ended with. */
    public enum Outcome {
        /** the PSP accepted: the payment is SENT (or SETTLED) */
        SENT,
        /** the PSP refused for good: the payment is in ERROR */
        REJECTED,
        /** unknown outcome: the payment stays PENDING and will be sent again */
        RETRY_LATER,
        /** the payment was not PENDING (any more): nothing sent */
        NOT_PENDING
    }

    /**
     * The result of a dispatch.
     *
     * @param outcome what happened
     * @param payment the payment afterwards (null if it does not exist)
     * @param error   the PSP error code or failure summary (REJECTED, RETRY_LATER), else null
     */
    public record Result(Outcome outcome, PaymentView payment, String error) {
    }

    private record PspAnswer(PspPayoutResult accepted, Throwable failure) {
    }

    @Inject
    PspClient psp;

    @Inject
    Transactions transactions;

    @Inject
    PaymentTransitions transitions;

    @Inject
    StoredWebhookOutcomes storedOutcomes;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "kobatela.payment.recovery.backoff", defaultValue = "5s")
    Duration backoff;

    @ConfigProperty(name = "kobatela.payment.recovery.max-backoff", defaultValue = "5m")
    Duration maxBackoff;

    @ConfigProperty(name = "kobatela.payment.recovery.warn-after-attempts", defaultValue = "5")
    int warnAfterAttempts;

    /**
     * Sends a PENDING payment (already claimed by the caller) and records the PSP's answer. PSP failures never fail
     * the returned Uni: they are recorded; only database failures do (the payment then stays PENDING).
     *
     * @param paymentId the payment
     * @param executor  who executes it (null: the requester of the payout)
     */
    public Uni<Result> dispatch(long paymentId, Actor executor) {
        return Panache.withSession(() -> Payment.<Payment>findById(paymentId))
                .chain(p -> {
                    if (p == null || p.status != PaymentStatus.PENDING || p.idempotencyKey == null) {
                        return Uni.createFrom().item(new Result(Outcome.NOT_PENDING, p == null ? null : PaymentView.of(p), null));
                    }
                    Actor who = executor != null ? executor : Actor.requesterOf(p);
                    PspPayoutRequest request = new PspPayoutRequest(p.idempotencyKey, p.amount, p.currency, p.beneficiary, p.id,
                            p.escrowId, p.milestoneId);
                    return psp.payout(request)
                            .map(a -> new PspAnswer(a, null))
                            .onFailure().recoverWithItem(e -> new PspAnswer(null, e))
                            .chain(answer -> answer.accepted() != null ? recordSent(paymentId, answer.accepted(), who)
                                    : answer.failure() instanceof PspRejectedException r ? recordRejected(paymentId, r)
                                    : recordRetry(paymentId, answer.failure()));
                });
    }

    /**
     * Dispatches on a new Vert.x duplicated context, without waiting (after a reservation committed). Failures are
     * logged; the payment then stays PENDING for the recovery job.
     */
    public void dispatchInBackground(long paymentId) {
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> Uni.createFrom().deferred(() -> dispatch(paymentId, null)).subscribe().with(
                r -> LOG.debugf("payment %d dispatched: %s", paymentId, r.outcome()),
                e -> LOG.warnf("payment %d dispatch not recorded, left PENDING for the recovery job: %s", paymentId, e.toString())));
    }

    private Uni<Result> recordSent(long paymentId, PspPayoutResult accepted, Actor executor) {
        AfterCommit after = new AfterCommit();
        return transactions.inTransaction(() -> transitions.lockPspRef(accepted.pspRef())
                .chain(() -> transitions.lock(paymentId))
                .chain(l -> l == null ? Uni.createFrom().item(new Result(Outcome.NOT_PENDING, null, null))
                        : transitions.sent(l, accepted.pspRef(), executor, after)
                                .chain(moved -> moved ? storedOutcomes.apply(l, after) : Uni.createFrom().voidItem())
                                .map(x -> result(l.payment(), null))))
                .invoke(after::run);
    }

    private Uni<Result> recordRejected(long paymentId, PspRejectedException e) {
        LOG.warnf("payment %d refused by the PSP: %s", paymentId, e.getMessage());
        AfterCommit after = new AfterCommit();
        return transactions.inTransaction(() -> transitions.lock(paymentId)
                .chain(l -> l == null ? Uni.createFrom().item(new Result(Outcome.NOT_PENDING, null, null))
                        : transitions.fail(l, PayoutRejections.PSP_REJECTED, Actor.named(Actor.PSP, l.payment().correlationId),
                                Map.of("external_error", e.code()), after)
                                .map(x -> result(l.payment(), e.code()))))
                .invoke(after::run);
    }

    private Uni<Result> recordRetry(long paymentId, Throwable failure) {
        String error = summary(failure);
        return transactions.inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "update payments set last_psp_error = :error, updated_at = now(), next_attempt_at = now()"
                        + " + least(:maxMs, :baseMs * power(2, least(greatest(psp_attempts - 1, 0), 20))) * interval '1 millisecond'"
                        + " where id = :id and status = 'PENDING'")
                .setParameter("error", error)
                .setParameter("maxMs", (double) maxBackoff.toMillis())
                .setParameter("baseMs", (double) backoff.toMillis())
                .setParameter("id", paymentId)
                .executeUpdate())
                .chain(() -> Payment.<Payment>findById(paymentId)))
                .invoke(p -> {
                    if (p != null && p.pspAttempts >= warnAfterAttempts) {
                        LOG.warnf("payment %d still PENDING after %d PSP attempts (%s); retried at %s", paymentId, p.pspAttempts, error,
                                p.nextAttemptAt);
                    } else {
                        LOG.infof("payment %d PSP outcome unknown (%s): stays PENDING, sent again later", paymentId, error);
                    }
                })
                .map(p -> new Result(Outcome.RETRY_LATER, p == null ? null : PaymentView.of(p), error));
    }

    private static Result result(Payment p, String error) {
        Outcome o = switch (p.status) {
            case SENT, SETTLED -> Outcome.SENT;
            case ERROR -> Outcome.REJECTED;
            default -> Outcome.NOT_PENDING;
        };
        return new Result(o, PaymentView.of(p), error);
    }

    /** A short, secret-free description of a PSP failure (at most 300 characters). */
    static String summary(Throwable e) {
        String s = e instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException ? "PSP timeout"
                : e instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException ? "PSP circuit open"
                : e instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException ? "PSP bulkhead full"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
