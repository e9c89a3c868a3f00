package com.kobatela.bench;

import com.kobatela.bench.simulations.EscrowDepositSimulation;
import com.kobatela.bench.simulations.MandatePurchaseSimulation;
import com.kobatela.bench.simulations.MixSimulation;
import com.kobatela.bench.simulations.SagaSimulation;

/** The benchmark flows (issue 9): each is one Gatling simulation driving the suite through the gateway. */
enum Flow {

    /** (a) create escrow + deposit. */
    ESCROW_DEPOSIT("escrow-deposit", EscrowDepositSimulation.class, "escrow-service"),
    /** (b) escrow → deposit → proof → payout → signed webhook → released and settled. */
    SAGA("saga", SagaSimulation.class, null),
    /** (c) mandate + three purchases. */
    MANDATE_PURCHASES("mandate-purchases", MandatePurchaseSimulation.class, null),
    /** (d) a mix of the three. */
    MIX("mix", MixSimulation.class, null);

    final String id;
    final Class<?> simulation;
    /** The service the flow's calls go to directly in the gateway-overhead reference, or null for none. */
    final String directService;

    Flow(String id, Class<?> simulation, String directService) {
        this.id = id;
        this.simulation = simulation;
        this.directService = directService;
    }

    /** Whether the flow's escrows produce proofs, payouts and webhooks (convergence of the saga). */
    boolean pays() {
        return this == SAGA || this == MIX;
    }

    /** Whether the flow deposits (convergence deposit → ledger). */
    boolean deposits() {
        return this != MANDATE_PURCHASES;
    }
}
