package com.kobatela.spend.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.AllowedPayee;
import com.kobatela.spend.domain.EscrowView;
import com.kobatela.spend.domain.PayeeLimits;
import com.kobatela.spend.rest.PayeeCreateRequest;
import com.kobatela.spend.rest.PayeeRead;
import com.kobatela.spend.rest.PayeeStateRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Allowed payees of an escrow (spec {@code rules.md#payees}, {@code api.md#4.7}, {@code #9}): creation, unique per
 * (escrow, payee_ref) by the database, audited {@code ADD_ALLOWED_PAYEE}; read with the counters. The escrow must be
 * known to spend-service's read model ({@code 404 ESCROW_NOT_FOUND}, eventually consistent with escrow-service).
 */
@ApplicationScoped
public class PayeeService {

    @Inject
    Transactions transactions;

    @Inject
    AuditWriter audit;

    @Inject
    Clock clock;

    /**
     * {@code POST /spend/allowed}: counters at zero, {@code last_reset_at} = today (UTC).
     *
     * @throws ApiException 404 ESCROW_NOT_FOUND, 409 PAYEE_ALREADY_ALLOWED
     */
    public Uni<PayeeRead> create(Caller caller, PayeeCreateRequest req) {
        return transactions.inTransaction(() -> EscrowView.<EscrowView>findById(req.escrowId())
                .chain(escrow -> escrow == null || !escrow.known() || !caller.canSee(escrow.ownerPrincipal)
                        ? Uni.createFrom().<Long>failure(SpendErrors.escrowNotFound())
                        : AllowedPayee.count("escrowId = ?1 and payeeRef = ?2", req.escrowId(), req.payeeRef()))
                .chain(existing -> {
                    if (existing > 0) {
                        return Uni.createFrom().failure(alreadyAllowed());
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    AllowedPayee p = new AllowedPayee();
                    p.escrowId = req.escrowId();
                    p.payeeRef = req.payeeRef();
                    p.label = req.label();
                    p.dailyLimit = req.dailyLimit();
                    p.totalLimit = req.totalLimit();
                    p.spentToday = Amounts.normalize(BigDecimal.ZERO);
                    p.spentTotal = p.spentToday;
                    p.lastResetAt = LocalDate.now(clock);
                    p.createdAt = now;
                    p.updatedAt = now;
                    return p.<AllowedPayee>persistAndFlush();
                })
                .call(p -> {
                    Map<String, Object> limits = new LinkedHashMap<>();
                    limits.put("daily", p.dailyLimit == null ? null : Amounts.format(p.dailyLimit));
                    limits.put("total", p.totalLimit == null ? null : Amounts.format(p.totalLimit));
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("escrow_id", p.escrowId);
                    data.put("payee_ref", p.payeeRef);
                    data.put("limits", limits);
                    return audit.record(caller, "ADD_ALLOWED_PAYEE", "AllowedPayee", p.id, data);
                }))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> alreadyAllowed())
                .map(PayeeRead::of);
    }

    /**
     * {@code GET /spend/allowed/{payee_id}}: the payee with {@code spent_today} of the current UTC day.
     *
     * @throws ApiException 404 PAYEE_NOT_FOUND
     */
    public Uni<PayeeStateRead> get(long payeeId) {
        return Panache.withSession(() -> AllowedPayee.<AllowedPayee>findById(payeeId))
                .map(p -> {
                    if (p == null) {
                        throw ApiException.notFound(SpendErrors.PAYEE_NOT_FOUND, "Allowed payee not found.");
                    }
                    BigDecimal today = PayeeLimits.spentOn(LocalDate.now(clock), p.lastResetAt, p.spentToday);
                    return new PayeeStateRead(p.id, p.escrowId, p.payeeRef, p.label, p.dailyLimit, p.totalLimit, today,
                            p.spentTotal, p.lastResetAt);
                });
    }

    private static ApiException alreadyAllowed() {
        return ApiException.conflict(SpendErrors.PAYEE_ALREADY_ALLOWED, "This payee is already allowed for this escrow.");
    }
}
