package com.kobatela.spend.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.event.EventTypes;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.spend.domain.AllowedPayee;
import com.kobatela.spend.domain.PayeeLimits;
import com.kobatela.spend.domain.UsagePayouts;
import com.kobatela.spend.domain.UsageSpend;

import io.smallrye.mutiny.Uni;

/**
 * Applies payment-service's outcome to usage spends, matched by the payout idempotency key
 * ({@code usage|<principal>|<client key>}; spec {@code rules.md#payees}, README judgement call 2, CONTRACTS.md):
 * <ul>
 * <li>{@code payment.sent}: payment id and PSP reference recorded, still reserved;</li>
 * <li>{@code payment.settled}: the reservation is CONFIRMED, audit {@code USAGE_SPEND} (entity Payment);</li>
 * <li>{@code payment.payout-rejected} / {@code payment.failed}: the reservation is RELEASED and the payee counters
 * given back (compensation), audit {@code USAGE_BALANCE_REJECTED} etc. ({@link UsagePayouts#releaseAudit}).</li>
 * </ul>
 * Every transition is a conditional change of a RESERVED spend under its row lock, so a redelivered or repeated
 * outcome (even with another event id) changes the counters at most once. Audits carry the requester of the spend
 * (actor, API key, request id) and run in the consumer's transaction.
 */
@ApplicationScoped
public class UsageSpendOutcomes {

    private static final Logger LOG = Logger.getLogger(UsageSpendOutcomes.class);

    @Inject
    AuditWriter audit;

    @Inject
    Clock clock;

    /**
     * Applies one payment event; events of other payouts (milestones) are ignored here. Runs inside the consumer's
     * transaction.
     *
     * @param type the CloudEvents type ({@code payment.*.v1})
     */
    public Uni<Void> apply(String type, PaymentUpdate p) {
        if (!UsagePayouts.isUsageKey(p.idempotencyKey())) {
            return Uni.createFrom().voidItem();
        }
        return UsageSpend.<UsageSpend>find("payoutKey", p.idempotencyKey()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .<UsageSpend>firstResult()
                .chain(spend -> {
                    if (spend == null) {
                        LOG.warnf("%s for unknown usage payout of escrow %d ignored", type, p.escrowId());
                        return Uni.createFrom().voidItem();
                    }
                    return switch (type) {
                        case EventTypes.PAYMENT_SENT -> sent(spend, p);
                        case EventTypes.PAYMENT_SETTLED -> settled(spend, p);
                        case EventTypes.PAYMENT_FAILED -> release(spend, p, true);
                        case EventTypes.PAYOUT_REJECTED -> release(spend, p, false);
                        default -> Uni.createFrom().voidItem();
                    };
                });
    }

    private Uni<Void> sent(UsageSpend spend, PaymentUpdate p) {
        if (UsageSpend.RESERVED.equals(spend.status) && UsageSpend.PAYMENT_PENDING.equals(spend.paymentStatus)) {
            spend.paymentStatus = UsageSpend.PAYMENT_SENT;
            remember(spend, p);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> settled(UsageSpend spend, PaymentUpdate p) {
        if (!UsageSpend.RESERVED.equals(spend.status)) {
            if (UsageSpend.RELEASED.equals(spend.status)) {
                LOG.errorf("usage spend %d settled after its reservation was released (payment %s): check the payee counters",
                        spend.id, p.paymentId());
                return record(spend, "USAGE_SPEND_SETTLED_AFTER_RELEASE", "Payment", p.paymentId(), data(spend, null));
            }
            return Uni.createFrom().voidItem();
        }
        spend.status = UsageSpend.CONFIRMED;
        spend.paymentStatus = UsageSpend.PAYMENT_SETTLED;
        remember(spend, p);
        Map<String, Object> data = data(spend, null);
        data.put("payment_id", spend.paymentId);
        return record(spend, "USAGE_SPEND", "Payment", spend.paymentId, data);
    }

    private Uni<Void> release(UsageSpend spend, PaymentUpdate p, boolean failed) {
        if (!UsageSpend.RESERVED.equals(spend.status)) {
            if (UsageSpend.CONFIRMED.equals(spend.status)) {
                LOG.warnf("usage spend %d: %s after settlement ignored (payment %s)", spend.id, failed ? "failure" : "rejection",
                        p.paymentId());
            }
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        spend.status = UsageSpend.RELEASED;
        spend.paymentStatus = failed ? UsageSpend.PAYMENT_ERROR : UsageSpend.PAYMENT_REJECTED;
        spend.reasonCode = p.reasonCode();
        remember(spend, p);
        return AllowedPayee.<AllowedPayee>findById(spend.payeeId, LockModeType.PESSIMISTIC_WRITE)
                .chain(payee -> {
                    payee.spentTotal = Amounts.normalize(payee.spentTotal.subtract(spend.amount));
                    if (PayeeLimits.releaseTouchesToday(spend.reservedOn, payee.lastResetAt)) {
                        payee.spentToday = Amounts.normalize(payee.spentToday.subtract(spend.amount));
                    }
                    payee.updatedAt = now;
                    return record(spend, UsagePayouts.releaseAudit(failed, p.reasonCode()), "AllowedPayee", spend.payeeId,
                            data(spend, p.reasonCode()));
                });
    }

    private void remember(UsageSpend spend, PaymentUpdate p) {
        if (p.paymentId() != null) {
            spend.paymentId = p.paymentId();
        }
        if (p.pspRef() != null) {
            spend.pspRef = p.pspRef();
        }
        spend.updatedAt = OffsetDateTime.now(clock);
    }

    private Uni<Void> record(UsageSpend spend, String action, String entity, Long entityId, Map<String, Object> data) {
        return audit.record(spend.actor, action, entity, entityId == null ? 0 : entityId, data, spend.apiKeyId, spend.requestId);
    }

    private static Map<String, Object> data(UsageSpend spend, String note) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("escrow_id", spend.escrowId);
        data.put("payee_ref", spend.payeeRef);
        data.put("amount", Amounts.format(spend.amount));
        data.put("spend_id", spend.id);
        if (note != null) {
            data.put("note", note);
        }
        return data;
    }
}
