package com.kobatela.bench;

import com.kobatela.bench.simulations.EscrowDepositSimulation;

/** The benchmark flows (issue 9): each is one Gatling simulation driving the suite through the gateway. */
enum Flow {

    /** (a) create escrow + deposit. */
    ESCROW_DEPOSIT("escrow-deposit", EscrowDepositSimulation.class, "escrow-service");

    final String id;
    final Class<?> simulation;
    /** The service the flow's calls go to directly in the gateway-overhead reference, or null for none. */
    final String directService;

    Flow(String id, Class<?> simulation, String directService) {
        this.id = id;
        this.simulation = simulation;
        this.directService = directService;
    }
}
