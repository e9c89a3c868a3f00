package com.kobatela.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.kobatela.bench.BenchContext;
import com.kobatela.bench.BenchParams;
import com.kobatela.bench.Callers;
import com.kobatela.bench.MandateSlots;
import com.kobatela.bench.Recorder;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Flow (c): a usage mandate of 3.00 USD from a sender to its beneficiary, then three purchases of 1.00 at a certified
 * merchant, each with its own Idempotency-Key; the third consumes the mandate (CONSUMED), which frees the pair for the
 * next flow ({@link MandateSlots}).
 */
public class MandatePurchaseSimulation extends Simulation {

    public static final String MANDATE = "POST /mandates";
    public static final String PURCHASE = "POST /spend/purchases";

    /** The flow for one virtual user (needs {@code feederCsv} to borrow a pair). */
    public static ChainBuilder chain(BenchParams p) {
        return exec(s -> {
            String[] pair = MandateSlots.borrow(p.feeder());
            if (pair == null) {
                Recorder.request("no free mandate pair", -1, false);
                return s.markAsFailed();
            }
            return s.set("pair", pair).set("auth", "Bearer " + pair[0])
                    .set("mandateBody", "{\"sender_id\":" + pair[1] + ",\"beneficiary_id\":" + pair[2] + ",\"total_amount\":\"3.00\","
                            + "\"currency\":\"USD\",\"expires_at\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
                    .set("purchaseBody", "{\"sender_id\":" + pair[1] + ",\"beneficiary_id\":" + pair[2] + ",\"merchant_id\":"
                            + BenchContext.merchantId() + ",\"amount\":\"1.00\",\"currency\":\"USD\"}");
        }).exitHereIfFailed()
                .exec(Callers.call(MANDATE, http(MANDATE).post("/mandates").header("Authorization", "#{auth}")
                        .body(StringBody("#{mandateBody}")), status().is(201)))
                .exec(repeat(3).on(exec(s -> s.set("purchaseKey", UUID.randomUUID().toString()))
                        .exec(Callers.call(PURCHASE, http(PURCHASE).post("/spend/purchases").header("Authorization", "#{auth}")
                                .header("Idempotency-Key", "#{purchaseKey}").body(StringBody("#{purchaseBody}")), status().is(201)))))
                .exec(s -> {
                    MandateSlots.giveBack(s.get("pair"));
                    return s;
                })
                .exec(Callers.completed());
    }

    {
        BenchParams p = BenchParams.fromSystem();
        ScenarioBuilder flow = scenario("mandate+purchases").exec(chain(p));
        setUp(p.inject(flow)).protocols(Callers.protocol(p));
    }
}
