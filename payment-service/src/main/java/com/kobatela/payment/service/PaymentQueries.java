package com.kobatela.payment.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.kobatela.kernel.security.Caller;
import com.kobatela.payment.domain.EscrowBalance;
import com.kobatela.payment.domain.Payment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Payment reads (spec {@code api.md#9}) with the ownership rule of {@code rules.md#ownership}: a sender key sees only
 * the payments of escrows its principal created (owner known from {@code EscrowCreated}); anything else answers the
 * resource's 404.
 */
@ApplicationScoped
public class PaymentQueries {

    /**
     * One payment.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code PAYMENT_NOT_FOUND} (unknown or foreign)
     */
    public Uni<PaymentView> get(Caller caller, long paymentId) {
        return Panache.withSession(() -> visible(caller, paymentId)).map(PaymentView::of);
    }

    /**
     * The payments of an escrow, oldest first.
     *
     * @throws com.kobatela.kernel.error.ApiException 404 {@code ESCROW_NOT_FOUND} (unknown to payment-service, or foreign)
     */
    public Uni<List<PaymentView>> forEscrow(Caller caller, long escrowId) {
        return Panache.withSession(() -> EscrowBalance.<EscrowBalance>findById(escrowId)
                .chain(b -> b == null || !caller.canSee(b.ownerPrincipal)
                        ? Uni.createFrom().failure(PaymentErrors.escrowNotFound())
                        : Payment.<Payment>list("escrowId = ?1 order by createdAt, id", escrowId))
                .map(list -> list.stream().map(PaymentView::of).toList()));
    }

    /** Loads a payment the caller may see (in the current session), else fails with 404 PAYMENT_NOT_FOUND. */
    Uni<Payment> visible(Caller caller, long paymentId) {
        return Payment.<Payment>findById(paymentId)
                .chain(p -> p == null ? Uni.createFrom().<Payment>failure(PaymentErrors.paymentNotFound())
                        : EscrowBalance.<EscrowBalance>findById(p.escrowId).chain(b -> b != null && caller.canSee(b.ownerPrincipal)
                                ? Uni.createFrom().item(p)
                                : Uni.createFrom().<Payment>failure(PaymentErrors.paymentNotFound())));
    }
}
