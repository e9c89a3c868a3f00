package com.kobatela.spend.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The usage-spend balance pre-check (spec {@code rules.md#balance}, {@code #payees} step 9, README judgement call 4):
 * available = deposits − payments PENDING/SENT/SETTLED − usage spends reserved or confirmed here whose payment is not
 * yet known. Eventually consistent with payment-service, whose ledger stays authoritative (it answers
 * {@code payment.payout-rejected} with {@code INSUFFICIENT_ESCROW_BALANCE} when the pre-check was too optimistic).
 */
@ApplicationScoped
public class BalanceView {

    private static final String AVAILABLE = """
            select coalesce((select sum(d.amount) from escrow_deposit_views d where d.escrow_id = :escrow), 0)
              - coalesce((select sum(p.amount) from payment_views p
                           where p.escrow_id = :escrow and p.status in ('PENDING', 'SENT', 'SETTLED')), 0)
              - coalesce((select sum(s.amount) from usage_spends s
                           where s.escrow_id = :escrow and s.status in ('RESERVED', 'CONFIRMED')
                             and not exists (select 1 from payment_views p2 where p2.idempotency_key = s.payout_key)), 0)
            """;

    /**
     * Available balance of an escrow in its currency, scale 2 (zero for an escrow without deposits). Run it in the
     * transaction that holds the escrow row lock so that concurrent spends see each other's reservations.
     */
    public Uni<BigDecimal> available(long escrowId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(AVAILABLE, BigDecimal.class)
                .setParameter("escrow", escrowId)
                .getSingleResult())
                .map(v -> v.setScale(2));
    }
}
