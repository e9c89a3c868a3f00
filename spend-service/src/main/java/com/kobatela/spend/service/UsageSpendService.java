package com.kobatela.spend.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.Topics;
import com.kobatela.kernel.event.payload.PayoutRequested;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.OutboxWriter;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.AllowedPayee;
import com.kobatela.spend.domain.EscrowView;
import com.kobatela.spend.domain.PayeeLimits;
import com.kobatela.spend.domain.SpendOutcome;
import com.kobatela.spend.domain.UsagePayouts;
import com.kobatela.spend.domain.UsageSpend;
import com.kobatela.spend.rest.UsageSpendRead;
import com.kobatela.spend.rest.UsageSpendRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /spend}, usage spend to an allowed payee (spec {@code rules.md#payees}, {@code api.md#4.8}, README
 * judgement call 2). One transaction, once per idempotency key ({@link IdempotentRequests}): the escrow read-model
 * row is locked (spends of one escrow queue, so the balance pre-check sees every reservation), then the checks in the
 * spec's order (404 ESCROW_NOT_FOUND for unknown or foreign escrows, 409 ESCROW_NOT_ACTIVE, 403 PAYEE_NOT_ALLOWED on the
 * locked payee row, lazy daily reset at the UTC date boundary, 409 DAILY_LIMIT_REACHED, 409 TOTAL_LIMIT_REACHED,
 * 409 INSUFFICIENT_ESCROW_BALANCE); then the payee counters are reserved under the row lock together with a RESERVED
 * spend row, an audit {@code USAGE_SPEND_RESERVED} and {@code UsagePayoutRequested} in the outbox (key
 * {@code usage|<principal>|<client key>}). Each refusal is audited in its own transaction. The answer then waits a
 * bounded time for payment-service's outcome ({@link UsageSpendWaiter}); the outcome itself is applied by
 * {@link UsageSpendOutcomes}. Refusals are counted by code in the metric {@code spend_usage_rejections_total}.
 */
@ApplicationScoped
public class UsageSpendService {

    static final String OPERATION = "POST /spend";
    private static final Logger LOG = Logger.getLogger(UsageSpendService.class);

    @Inject
    IdempotentRequests idempotent;

    @Inject
    AuditWriter audit;

    @Inject
    OutboxWriter outbox;

    @Inject
    BalanceView balance;

    @Inject
    UsageSpendWaiter waiter;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /**
     * Reserves and requests a usage payout, or replays the spend of this key (its current state).
     *
     * @param caller the caller (sender keys spend only from their own escrows)
     * @param key    the trimmed Idempotency-Key
     * @param req    the validated body; {@code amount} already checked &gt; 0
     * @return {@code status} SETTLED, SENT or PENDING ({@code payment_id}, {@code psp_ref} null while unknown)
     * @throws ApiException 409 IDEMPOTENCY_KEY_CONFLICT / IDEMPOTENCY_KEY_IN_PROGRESS, 404 ESCROW_NOT_FOUND, 409
     *                      ESCROW_NOT_ACTIVE, 403 PAYEE_NOT_ALLOWED, 409 DAILY_LIMIT_REACHED / TOTAL_LIMIT_REACHED /
     *                      INSUFFICIENT_ESCROW_BALANCE; for a spend whose payout was refused or failed, the error of
     *                      {@link UsagePayouts#releasedError}
     */
    public Uni<UsageSpendRead> spend(Caller caller, String key, UsageSpendRequest req) {
        Caller who = new Caller(caller.apiKeyId(), caller.prefix(), caller.scope(), caller.userId(), caller.publicTag(),
                caller.requestId());
        String scope = who.principal();
        String fingerprint = IdempotencyKeys.fingerprint(OPERATION, req.escrowId(), req.payeeRef(), Amounts.format(req.amount()),
                req.note());
        return idempotent.once(OPERATION, scope, key,
                () -> UsageSpend.<UsageSpend>find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key).firstResult()
                        .chain(existing -> existing == null || fingerprint.equals(existing.requestFingerprint)
                                ? Uni.createFrom().item(existing)
                                : Uni.createFrom().failure(IdempotencyKeys.conflict())),
                () -> reserve(who, key, fingerprint, req))
                .onFailure(UsageRejection.class).call(e -> auditRejection(who, req, (UsageRejection) e))
                .onFailure(UsageRejection.class).invoke(e -> registry.counter("spend.usage.rejections", "code",
                        ((UsageRejection) e).code()).increment())
                .chain(spend -> waiter.await(spend.id))
                .map(UsageSpendService::answer);
    }

    private Uni<UsageSpend> reserve(Caller who, String key, String fingerprint, UsageSpendRequest req) {
        return EscrowView.<EscrowView>findById(req.escrowId(), LockModeType.PESSIMISTIC_WRITE).chain(escrow -> {
            if (escrow == null || !escrow.known() || !who.canSee(escrow.ownerPrincipal)) {
                return Uni.createFrom().failure(new UsageRejection(SpendErrors.escrowNotFound(), "USAGE_ESCROW_NOT_FOUND", 0, null));
            }
            if (escrow.closed()) {
                return Uni.createFrom().failure(new UsageRejection(SpendErrors.escrowNotActive(), "USAGE_ESCROW_CLOSED", 0, escrow.status));
            }
            return AllowedPayee.<AllowedPayee>find("escrowId = ?1 and payeeRef = ?2", req.escrowId(), req.payeeRef())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).<AllowedPayee>firstResult()
                    .chain(payee -> payee == null
                            ? Uni.createFrom().failure(new UsageRejection(SpendErrors.forbidden(SpendErrors.PAYEE_NOT_ALLOWED,
                                    "This payee is not allowed for this escrow."), "USAGE_PAYEE_FORBIDDEN", 0, null))
                            : checkLimits(who, escrow, payee, key, fingerprint, req));
        });
    }

    /** Steps 6 to 9 on the locked payee row, then the reservation. */
    private Uni<UsageSpend> checkLimits(Caller who, EscrowView escrow, AllowedPayee payee, String key, String fingerprint,
            UsageSpendRequest req) {
        LocalDate today = LocalDate.now(clock);
        if (PayeeLimits.needsReset(payee.lastResetAt, today)) {
            payee.spentToday = Amounts.normalize(BigDecimal.ZERO);
            payee.lastResetAt = today;
        }
        BigDecimal amount = req.amount();
        switch (PayeeLimits.check(payee.spentToday, payee.spentTotal, amount, payee.dailyLimit, payee.totalLimit)) {
            case DAILY_LIMIT_REACHED:
                return Uni.createFrom().failure(new UsageRejection(ApiException.conflict(SpendErrors.DAILY_LIMIT_REACHED,
                        "Daily limit would be exceeded."), "USAGE_DAILY_LIMIT_REJECTED", payee.id, null));
            case TOTAL_LIMIT_REACHED:
                return Uni.createFrom().failure(new UsageRejection(ApiException.conflict(SpendErrors.TOTAL_LIMIT_REACHED,
                        "Total limit would be exceeded."), "USAGE_TOTAL_LIMIT_REJECTED", payee.id, null));
            default:
                break;
        }
        return balance.available(escrow.escrowId).chain(available -> amount.compareTo(available) > 0
                ? Uni.createFrom().failure(new UsageRejection(SpendErrors.insufficientBalance(), "USAGE_BALANCE_REJECTED", payee.id, null))
                : record(who, escrow, payee, today, key, fingerprint, req));
    }

    /** Step 10 (split): counters reserved, spend RESERVED, audit, payout request in the outbox. */
    private Uni<UsageSpend> record(Caller who, EscrowView escrow, AllowedPayee payee, LocalDate today, String key, String fingerprint,
            UsageSpendRequest req) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        BigDecimal amount = req.amount();
        payee.spentToday = Amounts.normalize(payee.spentToday.add(amount));
        payee.spentTotal = Amounts.normalize(payee.spentTotal.add(amount));
        payee.updatedAt = now;
        UsageSpend s = new UsageSpend();
        s.escrowId = escrow.escrowId;
        s.payeeId = payee.id;
        s.payeeRef = payee.payeeRef;
        s.amount = amount;
        s.currency = escrow.currency;
        s.note = req.note();
        s.status = UsageSpend.RESERVED;
        s.reservedOn = today;
        s.paymentStatus = UsageSpend.PAYMENT_PENDING;
        s.idempotencyScope = who.principal();
        s.idempotencyKey = key;
        s.requestFingerprint = fingerprint;
        s.payoutKey = UsagePayouts.payoutKey(who.principal(), key);
        s.actor = who.actor();
        s.apiKeyId = who.auditApiKeyId();
        s.requestId = who.requestId();
        s.createdAt = now;
        s.updatedAt = now;
        return s.<UsageSpend>persistAndFlush()
                .call(saved -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("escrow_id", saved.escrowId);
                    data.put("payee_ref", saved.payeeRef);
                    data.put("amount", Amounts.format(amount));
                    data.put("currency", saved.currency);
                    data.put("payout_idempotency_key", saved.payoutKey);
                    return audit.record(who, "USAGE_SPEND_RESERVED", "UsageSpend", saved.id, data);
                })
                .call(saved -> outbox.write(Topics.SPEND, String.valueOf(saved.escrowId), EventTypes.USAGE_PAYOUT_REQUESTED,
                        new PayoutRequested(saved.escrowId, null, amount, saved.currency, saved.payeeRef, saved.payoutKey,
                                UsagePayouts.SOURCE, saved.note),
                        who.actor(), who.requestId()));
    }

    /** Writes the rejection audit in its own transaction; a failure to write it is logged, the refusal still answered. */
    private Uni<Void> auditRejection(Caller who, UsageSpendRequest req, UsageRejection r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", req.escrowId());
        data.put("payee_ref", req.payeeRef());
        data.put("amount", Amounts.format(req.amount()));
        if (r.note != null) {
            data.put("note", r.note);
        }
        return audit.recordSeparately(who.actor(), r.action, "AllowedPayee", r.payeeId, data, who.auditApiKeyId(), who.requestId())
                .onFailure().invoke(e -> LOG.errorf(e, "rejection audit %s not written", r.action))
                .onFailure().recoverWithNull();
    }

    private static UsageSpendRead answer(SpendOutcome o) {
        if (o.released()) {
            throw o.releasedError();
        }
        return new UsageSpendRead(o.paymentId(), o.escrowId(), o.amount(), o.paymentStatus(), o.pspRef(), o.spendId());
    }
}
