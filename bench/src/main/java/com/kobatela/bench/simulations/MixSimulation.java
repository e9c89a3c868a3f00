package com.kobatela.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.kobatela.bench.BenchParams;
import com.kobatela.bench.Callers;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/** Flow (d), a mix of partner traffic: 70% escrow + deposit, 20% mandate + purchases, 10% the whole saga. */
public class MixSimulation extends Simulation {

    {
        BenchParams p = BenchParams.fromSystem();
        ScenarioBuilder flow = scenario("mix").feed(csv(p.feeder()).circular()).exec(randomSwitch().on(
                percent(70.0).then(EscrowDepositSimulation.chain(p)),
                percent(20.0).then(MandatePurchaseSimulation.chain(p)),
                percent(10.0).then(SagaSimulation.chain(p))));
        setUp(p.inject(flow)).protocols(Callers.protocol(p));
    }
}
