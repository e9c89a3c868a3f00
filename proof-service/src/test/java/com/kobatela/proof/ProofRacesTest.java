package com.kobatela.proof;

import static com.kobatela.proof.support.ProofApi.SENDER;
import static com.kobatela.proof.support.ProofApi.SUPPORT;
import static com.kobatela.proof.support.ProofApi.clean;
import static com.kobatela.proof.support.ProofApi.decide;
import static com.kobatela.proof.support.ProofApi.escrow;
import static com.kobatela.proof.support.ProofApi.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Races settled by the database: the UNIQUE sha256 index and the conditional decision update. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class ProofRacesTest {

    private static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Integer> codes(List<Response> rs) {
        return rs.stream().map(Response::statusCode).toList();
    }

    @Test
    void oneFileProvesOneMilestoneEvenUnderConcurrentSubmissions() throws Exception {
        String sha = "race-" + UUID.randomUUID();
        List<Long> escrows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            escrows.add(escrow("500.00", "100.00:PHOTO"));
        }
        List<Callable<Response>> calls = new ArrayList<>();
        for (long e : escrows) {
            calls.add(() -> submit(SENDER, e, 1, "PHOTO", sha, "https://example.com/p.jpg", clean(Instant.now(), 5.0, -4.0)));
        }
        List<Response> rs = concurrently(calls);
        assertEquals(1, codes(rs).stream().filter(c -> c == 201).count(), codes(rs).toString());
        rs.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
            assertEquals(409, r.statusCode(), r.asString());
            assertEquals("PROOF_DUPLICATE", r.jsonPath().getString("error.code"));
        });
        assertEquals(1, TestDb.count("select count(*) from proofs where sha256 = ?", sha));
        long winner = rs.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().jsonPath().getLong("id");
        assertEquals(1, TestDb.count("select count(*) from outbox_events where type = 'proof.approved.v1' and payload like ?",
                "{\"proof_id\":" + winner + ",%"));
        assertEquals(1, TestDb.count("select count(*) from audit_logs a join proofs p on p.id = a.entity_id "
                + "where a.action = 'SUBMIT_PROOF' and p.sha256 = ?", sha));
    }

    @Test
    void concurrentApproveAndRejectHaveOneEffect() throws Exception {
        long e = escrow("500.00", "200.00:PDF");
        long proofId = submit(SENDER, e, 1, "PDF", "{}").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String decision = i % 2 == 0 ? "approve" : "reject";
            calls.add(() -> decide(SUPPORT, proofId, decision, "race"));
        }
        List<Response> rs = concurrently(calls);
        String status = TestDb.query("select status from proofs where id = ?", proofId).get(0).get("status").toString();
        boolean approved = "APPROVED".equals(status);
        assertTrue(approved || "REJECTED".equals(status), status);
        for (int i = 0; i < rs.size(); i++) {
            boolean sameSide = (i % 2 == 0) == approved;
            Response r = rs.get(i);
            if (sameSide) {
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals(status, r.jsonPath().getString("status"));
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals(approved ? "PROOF_ALREADY_APPROVED" : "PROOF_ALREADY_REJECTED", r.jsonPath().getString("error.code"));
            }
        }
        assertEquals(1, TestDb.count("select count(*) from audit_logs where entity_id = ? and action in ('APPROVE_PROOF', 'REJECT_PROOF')", proofId),
                "one effect");
        assertEquals(1, TestDb.count("select count(*) from outbox_events where type in ('proof.approved.v1', 'proof.rejected.v1') "
                + "and payload like ?", "{\"proof_id\":" + proofId + ",%"), "one event");
        assertEquals(4, TestDb.count("select count(*) from audit_logs where entity_id = ? and action = 'DECIDE_PROOF'", proofId),
                "every successful decision is recorded");
    }
}
