package com.kobatela.proof.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.kernel.event.payload.MilestoneCreated;
import com.kobatela.kernel.event.payload.MilestoneStatusChanged;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.proof.domain.EscrowView;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.domain.PaymentView;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies escrow and payment events to proof-service's read models. Each method runs inside the consumer's
 * transaction (one effect per event id, {@link com.kobatela.kernel.event.EventConsumer}). Beyond event-id
 * de-duplication, every effect is harmless when replayed under another event id or received out of order:
 * deposits count once by deposit id, statuses only move forward (PAID milestones, SETTLED/ERROR payments and
 * terminal escrows stay so), and a deposit or status seen before its {@code EscrowCreated} creates the escrow row
 * with an unknown owner, which {@code EscrowCreated} completes later.
 */
@ApplicationScoped
public class ReadModels {

    private static final Logger LOG = Logger.getLogger(ReadModels.class);

    private static final String UPSERT_ESCROW = """
            insert into escrow_views (escrow_id, owner_principal, currency, status, deposited, updated_at)
            values (:escrowId, :owner, :currency, :status, 0, now())
            on conflict (escrow_id) do nothing
            """;
    private static final String INSERT_DEPOSIT = """
            insert into deposit_views (deposit_id, escrow_id, amount, created_at) values (:depositId, :escrowId, :amount, now())
            on conflict (deposit_id) do nothing
            """;

    @Inject
    ProofMapper mapper;

    /** {@code EscrowCreated}: the escrow's owner and currency (the status never moves back). */
    public Uni<Void> escrowCreated(EscrowCreated e) {
        return ensureEscrow(e.escrowId(), e.ownerPrincipal(), e.currency(), e.status())
                .chain(v -> {
                    v.ownerPrincipal = e.ownerPrincipal();
                    v.currency = e.currency();
                    v.advanceStatus(e.status());
                    v.updatedAt = now();
                    return Uni.createFrom().voidItem();
                });
    }

    /** {@code EscrowDeposited}: adds the deposit once per deposit id. */
    public Uni<Void> escrowDeposited(EscrowDeposited e) {
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_DEPOSIT)
                .setParameter("depositId", e.depositId())
                .setParameter("escrowId", e.escrowId())
                .setParameter("amount", e.amount())
                .executeUpdate())
                .chain(inserted -> ensureEscrow(e.escrowId(), EscrowView.UNKNOWN_OWNER, e.currency(), e.escrowStatus())
                        .invoke(v -> {
                            if (inserted == 1) {
                                v.deposited = v.deposited.add(e.amount());
                            } else {
                                LOG.infof("deposit %d of escrow %d already counted, skipped", e.depositId(), e.escrowId());
                            }
                            v.advanceStatus(e.escrowStatus());
                            v.updatedAt = now();
                        }))
                .replaceWithVoid();
    }

    /** {@code EscrowStatusChanged} / {@code EscrowReleased}: forward moves only. */
    public Uni<Void> escrowStatusChanged(EscrowStatusChanged e) {
        return EscrowView.<EscrowView>find("escrowId", e.escrowId()).withLock(LockModeType.PESSIMISTIC_WRITE).<EscrowView>firstResult()
                .invoke(v -> {
                    if (v == null) {
                        LOG.warnf("status of escrow %d received before the escrow, ignored", e.escrowId());
                    } else if (v.advanceStatus(e.newStatus())) {
                        v.updatedAt = now();
                    }
                })
                .replaceWithVoid();
    }

    /** {@code MilestoneCreated}: upsert; a status already received is kept. */
    public Uni<Void> milestoneCreated(MilestoneCreated m) {
        return MilestoneView.<MilestoneView>findById(m.milestoneId()).chain(found -> {
            MilestoneView v = found != null ? found : new MilestoneView();
            v.milestoneId = m.milestoneId();
            v.escrowId = m.escrowId();
            v.idx = m.idx();
            v.label = m.label();
            v.amount = m.amount();
            v.currency = m.currency();
            v.proofType = m.proofType();
            v.proofRequirements = mapper.json(m.proofRequirements());
            v.geofenceLat = m.geofenceLat();
            v.geofenceLng = m.geofenceLng();
            v.geofenceRadiusM = m.geofenceRadiusM();
            v.status = found != null ? found.status : m.status();
            v.updatedAt = now();
            return v.persist().replaceWithVoid();
        });
    }

    /**
     * {@code MilestoneStatusChanged}: PAID is final. A milestone not yet known fails the event (retried, then
     * dead-lettered): its creation precedes it on the same partition, so this means a lost creation.
     */
    public Uni<Void> milestoneStatusChanged(MilestoneStatusChanged m) {
        return MilestoneView.<MilestoneView>findById(m.milestoneId()).chain(v -> {
            if (v == null) {
                return Uni.createFrom().failure(new IllegalStateException("status of a milestone not yet known: " + m.milestoneId()));
            }
            if (v.applyStatus(m.newStatus())) {
                v.updatedAt = now();
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Payment events: the payment's most advanced status for the balance view. */
    public Uni<Void> payment(PaymentUpdate p) {
        if (p.paymentId() == null) {
            return Uni.createFrom().voidItem();
        }
        return PaymentView.<PaymentView>find("paymentId", p.paymentId()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .<PaymentView>firstResult().chain(found -> {
                    if (found != null) {
                        if (found.advanceStatus(p.status())) {
                            found.updatedAt = now();
                        }
                        return Uni.createFrom().voidItem();
                    }
                    PaymentView v = new PaymentView();
                    v.paymentId = p.paymentId();
                    v.escrowId = p.escrowId();
                    v.milestoneId = p.milestoneId();
                    v.amount = p.amount();
                    v.status = p.status();
                    v.updatedAt = now();
                    return v.persist().replaceWithVoid();
                });
    }

    /** The escrow's row, locked; created with the given facts when this is the first event about it. */
    private Uni<EscrowView> ensureEscrow(long escrowId, String owner, String currency, String status) {
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT_ESCROW)
                .setParameter("escrowId", escrowId)
                .setParameter("owner", owner)
                .setParameter("currency", currency)
                .setParameter("status", status == null ? "DRAFT" : status)
                .executeUpdate())
                .chain(() -> EscrowView.<EscrowView>find("escrowId", escrowId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
