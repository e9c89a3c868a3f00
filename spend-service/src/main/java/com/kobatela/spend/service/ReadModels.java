package com.kobatela.spend.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.kernel.event.payload.PaymentUpdate;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies escrow and payment events to spend-service's read models (tables {@code escrow_views},
 * {@code escrow_deposit_views}, {@code payment_views}; spec {@code README.md} judgement calls 2 and 4). Each method
 * runs inside the consumer's transaction ({@link com.kobatela.kernel.event.EventConsumer#once}). Every write is an
 * upsert, so an escrow not yet known (a deposit or status seen before its creation) is kept as a row without owner
 * and completed later; deposits count once per deposit id whatever the redeliveries; a terminal status (escrow
 * RELEASED/REFUNDED/CANCELLED, payment SETTLED/ERROR) is never overwritten by an older, non-terminal one.
 */
@ApplicationScoped
public class ReadModels {

    private static final Logger LOG = Logger.getLogger(ReadModels.class);

    private static final String KEEP_CLOSED = "case when escrow_views.status in ('RELEASED', 'REFUNDED', 'CANCELLED') "
            + "or excluded.status is null then escrow_views.status else excluded.status end";

    /** {@code escrow.created.v1}: owner, currency and (if none seen yet) the status. */
    public Uni<Void> escrowCreated(EscrowCreated e) {
        if (e.ownerPrincipal() == null || e.currency() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("EscrowCreated without owner or currency: " + e.escrowId()));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into escrow_views (escrow_id, owner_principal, currency, status, updated_at) values (:id, :owner, :currency, :status, :now) "
                        + "on conflict (escrow_id) do update set owner_principal = excluded.owner_principal, currency = excluded.currency, "
                        + "status = coalesce(escrow_views.status, excluded.status), updated_at = excluded.updated_at")
                .setParameter("id", e.escrowId())
                .setParameter("owner", e.ownerPrincipal())
                .setParameter("currency", e.currency())
                .setParameter("status", e.status())
                .setParameter("now", now())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** {@code escrow.deposited.v1}: the deposit (once per deposit id) and the escrow's status after it. */
    public Uni<Void> escrowDeposited(EscrowDeposited d) {
        if (d.amount() == null || d.amount().signum() <= 0) {
            return Uni.createFrom().failure(new IllegalArgumentException("deposit without a positive amount: " + d.depositId()));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into escrow_deposit_views (deposit_id, escrow_id, amount, created_at) values (:deposit, :escrow, :amount, :now) "
                        + "on conflict (deposit_id) do nothing")
                .setParameter("deposit", d.depositId())
                .setParameter("escrow", d.escrowId())
                .setParameter("amount", d.amount())
                .setParameter("now", now())
                .executeUpdate())
                .chain(() -> status(d.escrowId(), d.escrowStatus()));
    }

    /** {@code escrow.status-changed.v1} and {@code escrow.released.v1}. */
    public Uni<Void> escrowStatusChanged(EscrowStatusChanged e) {
        return status(e.escrowId(), e.newStatus());
    }

    private Uni<Void> status(long escrowId, String status) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into escrow_views (escrow_id, status, updated_at) values (:id, :status, :now) "
                        + "on conflict (escrow_id) do update set status = " + KEEP_CLOSED + ", updated_at = excluded.updated_at")
                .setParameter("id", escrowId)
                .setParameter("status", status)
                .setParameter("now", now())
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * {@code payment.sent.v1}, {@code payment.settled.v1}, {@code payment.failed.v1}: the payment's latest status for
     * the balance view. Updates without a payment id or amount carry no balance information and are skipped.
     */
    public Uni<Void> payment(PaymentUpdate p) {
        if (p.paymentId() == null || p.amount() == null || p.status() == null) {
            LOG.debugf("payment update without id, amount or status for escrow %d: no balance change", p.escrowId());
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into payment_views (payment_id, escrow_id, amount, status, source, idempotency_key, updated_at) "
                        + "values (:id, :escrow, :amount, :status, :source, :key, :now) on conflict (payment_id) do update set "
                        + "status = case when payment_views.status in ('SETTLED', 'ERROR') and excluded.status not in ('SETTLED', 'ERROR') "
                        + "then payment_views.status else excluded.status end, amount = excluded.amount, "
                        + "source = coalesce(excluded.source, payment_views.source), "
                        + "idempotency_key = coalesce(excluded.idempotency_key, payment_views.idempotency_key), updated_at = excluded.updated_at")
                .setParameter("id", p.paymentId())
                .setParameter("escrow", p.escrowId())
                .setParameter("amount", p.amount())
                .setParameter("status", p.status())
                .setParameter("source", p.source())
                .setParameter("key", p.idempotencyKey())
                .setParameter("now", now())
                .executeUpdate())
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
