package com.kobatela.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.UUID;

import com.kobatela.bench.BenchParams;
import com.kobatela.bench.Callers;
import com.kobatela.bench.Flows;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Flow (a): create an escrow of 100.00 USD, then deposit 100.00 with a fresh Idempotency-Key (the escrow becomes
 * FUNDED). Through the gateway with the sender's API key, or directly to escrow-service with an internal JWT.
 */
public class EscrowDepositSimulation extends Simulation {

    /** Request type names, as reported. */
    public static final String CREATE = "POST /escrows";
    public static final String DEPOSIT = "POST /escrows/{id}/deposit";

    /** Creates a funded escrow ({@code escrowId} in the session); needs {@code auth} and the feeder row. */
    public static ChainBuilder fundedEscrow() {
        return exec(s -> s.set("escrowBody", Callers.escrowBody(s)).set("depositKey", UUID.randomUUID().toString()))
                .exec(Callers.call(CREATE, http(CREATE).post("/escrows").header("Authorization", "#{auth}")
                        .body(StringBody("#{escrowBody}")), status().is(201), jsonPath("$.id").saveAs("escrowId")))
                .exec(Callers.call(DEPOSIT, http(DEPOSIT).post("/escrows/#{escrowId}/deposit").header("Authorization", "#{auth}")
                        .header("Idempotency-Key", "#{depositKey}").body(StringBody(Flows.depositBody())),
                        status().is(200), jsonPath("$.status").is("FUNDED")));
    }

    /** The whole flow (a) for one virtual user. */
    public static ChainBuilder chain(BenchParams p) {
        return exec(Callers.authenticate(p)).exec(fundedEscrow()).exec(Callers.completed());
    }

    {
        BenchParams p = BenchParams.fromSystem();
        ScenarioBuilder flow = scenario("escrow+deposit").feed(csv(p.feeder()).circular()).exec(chain(p));
        setUp(p.inject(flow)).protocols(Callers.protocol(p));
    }
}
