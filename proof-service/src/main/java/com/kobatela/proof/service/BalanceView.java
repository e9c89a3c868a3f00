package com.kobatela.proof.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import com.kobatela.kernel.error.ApiException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The balance pre-check of proof approvals (spec {@code rules.md#balance}, README judgement call 4): available =
 * deposits − payments PENDING/SENT/SETTLED − (NEW) the milestones this service approved whose payout it has not
 * yet seen (escrow-service requests it asynchronously). ERROR payments no longer count; a PAID milestone whose
 * payment ended in ERROR is not reserved again (it stays PAID, spec {@code domain.md#9.2}). Eventually
 * consistent; payment-service's check stays the authoritative one. The escrow's row is locked while checking, so
 * two approvals on one escrow are checked one after the other and cannot both spend the same balance here.
 */
@ApplicationScoped
public class BalanceView {

    private static final String AVAILABLE = """
            select e.deposited
              - coalesce((select sum(p.amount) from payment_views p
                           where p.escrow_id = e.escrow_id and p.status in ('PENDING', 'SENT', 'SETTLED')), 0)
              - coalesce((select sum(m.amount) from milestone_views m
                           where m.escrow_id = e.escrow_id
                             and exists (select 1 from proofs pr where pr.milestone_id = m.milestone_id and pr.status = 'APPROVED')
                             and not exists (select 1 from payment_views p2 where p2.milestone_id = m.milestone_id
                                               and p2.status in ('PENDING', 'SENT', 'SETTLED'))
                             and not (m.status = 'PAID' and exists (select 1 from payment_views p3
                                               where p3.milestone_id = m.milestone_id and p3.status = 'ERROR'))), 0)
            from escrow_views e where e.escrow_id = :escrowId
            """;
    private static final String LOCK = "select escrow_id from escrow_views where escrow_id = :escrowId for update";

    /**
     * Available balance of an escrow in its currency, scale 2 (zero when the escrow is unknown). Locks the escrow's
     * read-model row until the end of the current transaction.
     */
    public Uni<BigDecimal> available(long escrowId) {
        // lock first, then compute in a second statement: under READ COMMITTED it sees what the transaction that
        // held the lock committed (a single "select ... for update" would evaluate its sub-queries on an older snapshot)
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK).setParameter("escrowId", escrowId).getResultList()
                .chain(() -> s.createNativeQuery(AVAILABLE, BigDecimal.class)
                        .setParameter("escrowId", escrowId)
                        .getSingleResultOrNull()))
                .map(v -> v == null ? BigDecimal.ZERO.setScale(2) : v);
    }

    /**
     * Fails when {@code amount} exceeds the available balance.
     *
     * @throws ApiException 409 {@code INSUFFICIENT_ESCROW_BALANCE}
     */
    public Uni<Void> requireCovered(long escrowId, BigDecimal amount) {
        return available(escrowId).chain(av -> amount.compareTo(av) > 0
                ? Uni.createFrom().failure(ApiException.conflict("INSUFFICIENT_ESCROW_BALANCE", "Not enough escrow balance."))
                : Uni.createFrom().voidItem());
    }
}
