package com.kobatela.bench.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.kobatela.bench.BenchContext;
import com.kobatela.bench.BenchParams;
import com.kobatela.bench.Callers;
import com.kobatela.bench.WebhookSigner;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Flow (b), the whole saga through the gateway: escrow + deposit (flow a), a 100.00 PHOTO milestone (admin key), a
 * photo proof the rules auto-approve (retried while proof-service has not yet seen the milestone or the deposit), the
 * payout polled until SENT, the PSP's signed {@code payment.settled} webhook posted to the gateway (the sandbox's own
 * webhooks are switched off for the run), then the escrow polled until RELEASED and the payment until SETTLED.
 * Polls run every 20 ms and are reported under their own names; the convergence figures come from the databases.
 */
public class SagaSimulation extends Simulation {

    public static final String MILESTONE = "POST /escrows/{id}/milestones";
    public static final String PROOF = "POST /proofs";
    public static final String PAYMENTS = "GET /escrows/{id}/payments (poll)";
    public static final String WEBHOOK = "POST /psp/webhook";
    public static final String RELEASED = "GET /escrows/{id} (poll)";
    public static final String SETTLED = "GET /payments/{id} (poll)";

    public static final String PAYMENT = "GET /escrows/{id}/payments";

    /** The payout is at the PSP: SENT (or already SETTLED) with its PSP reference. */
    static boolean sent(io.gatling.javaapi.core.Session s) {
        String ref = s.getString("pspRef");
        return ref != null && !"null".equals(ref) && ("SENT".equals(s.getString("payoutStatus")) || "SETTLED".equals(s.getString("payoutStatus")));
    }

    /** The saga for one virtual user. */
    public static ChainBuilder chain(BenchParams p) {
        return exec(Callers.authenticate(p)).exec(EscrowDepositSimulation.fundedEscrow())
                .exec(s -> s.set("adminAuth", "Bearer " + BenchContext.adminKey()))
                .exec(Callers.call(MILESTONE, http(MILESTONE).post("/escrows/#{escrowId}/milestones").header("Authorization", "#{adminAuth}")
                        .body(StringBody("{\"label\":\"bench\",\"amount\":\"100.00\",\"currency\":\"USD\",\"sequence_index\":1,"
                                + "\"proof_kind\":\"PHOTO\"}")), status().is(201)))
                .exec(s -> s.set("proofBody", "{\"escrow_id\":" + s.getLong("escrowId") + ",\"milestone_idx\":1,\"type\":\"PHOTO\","
                        + "\"storage_url\":\"https://files.example.com/bench.jpg\",\"sha256\":\"" + UUID.randomUUID() + "\",\"metadata\":"
                        + "{\"exif_timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"source\":\"app\"}}"))
                .exec(Callers.retryUntil(PROOF, http(PROOF).post("/proofs").header("Authorization", "#{auth}").body(StringBody("#{proofBody}")),
                        201, "proof"))
                .exec(Callers.pollUntil(PAYMENTS, http(PAYMENTS).get("/escrows/#{escrowId}/payments").header("Authorization", "#{auth}"),
                        jsonPath("$[0].psp_ref").optional().saveAs("pspRef"), jsonPath("$[0].status").optional().saveAs("payoutStatus"),
                        SagaSimulation::sent))
                .exec(Callers.call(PAYMENT, http(PAYMENT).get("/escrows/#{escrowId}/payments").header("Authorization", "#{auth}"),
                        status().is(200), jsonPath("$[0].id").saveAs("paymentId")))
                .exec(s -> {
                    String body = "{\"event_id\":\"evt_bench_" + UUID.randomUUID() + "\",\"type\":\"payment.settled\",\"psp_ref\":\""
                            + s.getString("pspRef") + "\"}";
                    String ts = String.valueOf(Instant.now().getEpochSecond());
                    return s.set("webhookBody", body).set("webhookTs", ts)
                            .set("webhookSig", WebhookSigner.sign(BenchContext.webhookSecret(), ts, body));
                })
                .exec(Callers.call(WEBHOOK, http(WEBHOOK).post("/psp/webhook").header("X-PSP-Timestamp", "#{webhookTs}")
                        .header("X-PSP-Signature", "#{webhookSig}").body(StringBody("#{webhookBody}")), status().is(200)))
                .exec(Callers.pollUntil(RELEASED, http(RELEASED).get("/escrows/#{escrowId}").header("Authorization", "#{auth}"),
                        jsonPath("$.status").saveAs("escrowStatus"), null, s -> "RELEASED".equals(s.getString("escrowStatus"))))
                .exec(Callers.pollUntil(SETTLED, http(SETTLED).get("/payments/#{paymentId}").header("Authorization", "#{auth}"),
                        jsonPath("$.status").saveAs("paymentStatus"), null, s -> "SETTLED".equals(s.getString("paymentStatus"))))
                .exec(Callers.completed());
    }

    {
        BenchParams p = BenchParams.fromSystem();
        ScenarioBuilder flow = scenario("saga").feed(csv(p.feeder()).circular()).exec(chain(p));
        setUp(p.inject(flow)).protocols(Callers.protocol(p));
    }
}
