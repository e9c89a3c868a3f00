package com.kobatela.proof.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.event.payload.EscrowCreated;
import com.kobatela.kernel.event.payload.EscrowDeposited;
import com.kobatela.kernel.event.payload.EscrowStatusChanged;
import com.kobatela.kernel.event.payload.MilestoneCreated;
import com.kobatela.kernel.event.payload.MilestoneStatusChanged;
import com.kobatela.kernel.event.payload.PaymentUpdate;
import com.kobatela.proof.domain.EscrowView;
import com.kobatela.proof.domain.MilestoneView;
import com.kobatela.proof.domain.PaymentView;

import io.smallrye.mutiny.Uni;

/**
 * Applies escrow and payment events to proof-service's read models. Each method runs inside the consumer's
 * transaction (one effect per event id, {@link com.kobatela.kernel.event.EventConsumer}); upserts make a
 * replayed or re-ordered creation harmless.
 */
@ApplicationScoped
public class ReadModels {

    @Inject
    ProofMapper mapper;

    /** {@code EscrowCreated}: the escrow's owner and currency. */
    public Uni<Void> escrowCreated(EscrowCreated e) {
        return EscrowView.<EscrowView>findById(e.escrowId()).chain(found -> {
            EscrowView v = found != null ? found : new EscrowView();
            v.escrowId = e.escrowId();
            v.ownerPrincipal = e.ownerPrincipal();
            v.currency = e.currency();
            v.status = e.status();
            if (v.deposited == null) {
                v.deposited = java.math.BigDecimal.ZERO.setScale(2);
            }
            v.updatedAt = now();
            return v.persist().replaceWithVoid();
        });
    }

    /** {@code EscrowDeposited}: adds the deposit (locked row). */
    public Uni<Void> escrowDeposited(EscrowDeposited e) {
        return EscrowView.<EscrowView>find("escrowId", e.escrowId())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).<EscrowView>firstResult().chain(v -> {
            if (v == null) {
                return Uni.createFrom().failure(new IllegalStateException("deposit for an escrow not yet known: " + e.escrowId()));
            }
            v.deposited = v.deposited.add(e.amount());
            v.status = e.escrowStatus();
            v.updatedAt = now();
            return Uni.createFrom().voidItem();
        });
    }

    /** {@code EscrowStatusChanged}. */
    public Uni<Void> escrowStatusChanged(EscrowStatusChanged e) {
        return EscrowView.<EscrowView>findById(e.escrowId()).chain(v -> {
            if (v != null) {
                v.status = e.newStatus();
                v.updatedAt = now();
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** {@code MilestoneCreated}. */
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

    /** {@code MilestoneStatusChanged}. */
    public Uni<Void> milestoneStatusChanged(MilestoneStatusChanged m) {
        return MilestoneView.<MilestoneView>findById(m.milestoneId()).chain(v -> {
            if (v == null) {
                return Uni.createFrom().failure(new IllegalStateException("status of a milestone not yet known: " + m.milestoneId()));
            }
            v.status = m.newStatus();
            v.updatedAt = now();
            return Uni.createFrom().voidItem();
        });
    }

    /** Payment events: the payment's latest status for the balance view. */
    public Uni<Void> payment(PaymentUpdate p) {
        if (p.paymentId() == null) {
            return Uni.createFrom().voidItem();
        }
        return PaymentView.<PaymentView>findById(p.paymentId()).chain(found -> {
            PaymentView v = found != null ? found : new PaymentView();
            v.paymentId = p.paymentId();
            v.escrowId = p.escrowId();
            v.milestoneId = p.milestoneId();
            v.amount = p.amount();
            v.status = p.status();
            v.updatedAt = now();
            return v.persist().replaceWithVoid();
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
