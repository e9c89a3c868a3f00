package com.kobatela.escrow.service;

import static com.kobatela.escrow.TestData.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.escrow.TestData;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;
import com.kobatela.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Job {@code escrow-deadlines} (spec {@code rules.md#deadline}, {@code #jobs}), run directly: FUNDED escrows past their
 * deadline become RELEASED with actor {@code system:deadline}; nothing else moves; a second run and two concurrent runs
 * (two replicas) release each escrow once; with {@code SCHEDULER_ENABLED} off the scheduled trigger does nothing.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class DeadlineSweepTest {

    @Inject
    DeadlineSweep sweep;

    private static final String PAST = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();

    private record Sender(String token, long client, long provider) {
    }

    private static Sender sender() {
        long client = TestData.user("private");
        return new Sender(TestTokens.sender(TestData.nextId(), client), client, TestData.user("private"));
    }

    private static long escrow(Sender s, String deadline, boolean fund) {
        int id = as(s.token()).body("{\"client_id\": " + s.client() + ", \"provider_id\": " + s.provider() + ", \"amount_total\": \"10.00\", "
                + "\"currency\": \"EUR\", \"release_conditions\": {}, \"deadline_at\": \"" + deadline + "\"}").post("/escrows")
                .then().statusCode(201).extract().path("id");
        if (fund) {
            as(s.token()).header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"amount\": 10}").post("/escrows/" + id + "/deposit")
                    .then().statusCode(200);
        }
        return id;
    }

    private static String status(long id) {
        return (String) TestDb.query("select status from escrow_agreements where id = ?", id).get(0).get("status");
    }

    private int runSweep() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());
    }

    @Test
    void releasesFundedEscrowsPastTheirDeadlineOnce() throws Throwable {
        Sender s = sender();
        List<Long> due = List.of(escrow(s, PAST, true), escrow(s, PAST, true), escrow(s, PAST, true));
        long future = escrow(s, "2031-01-01T00:00:00Z", true);
        long draft = escrow(s, PAST, false);
        long releasable = escrow(s, PAST, true);
        as(s.token()).body("{}").post("/escrows/" + releasable + "/mark-delivered").then().statusCode(200);

        assertTrue(runSweep() >= 3);
        for (long id : due) {
            assertEquals("RELEASED", status(id));
            assertEquals(List.of("DEPOSIT", "CLIENT_APPROVED"), TestDb.query("select kind from escrow_events where escrow_id = ? order by id", id)
                    .stream().map(r -> r.get("kind")).toList());
            assertEquals(List.of(Map.of("actor", "system:deadline", "data", "{\"note\": null, \"status\": \"RELEASED\"}")),
                    TestDb.query("select actor, data_json::text as data from audit_logs where entity = 'EscrowAgreement' and entity_id = ? "
                            + "and action = 'ESCROW_RELEASED'", id));
            var released = TestDb.query("select payload, actor from outbox_events where message_key = ? and type = 'escrow.released.v1'",
                    String.valueOf(id));
            assertEquals(1, released.size());
            assertTrue(((String) released.get(0).get("payload")).contains("\"reason\":\"deadline\""));
            assertEquals("system:deadline", released.get(0).get("actor"));
        }
        assertEquals("FUNDED", status(future));
        assertEquals("DRAFT", status(draft));
        assertEquals("RELEASABLE", status(releasable));

        assertEquals(0, runSweep(), "a second run changes nothing");
        for (long id : due) {
            assertEquals(1, TestDb.count("select count(*) from escrow_events where escrow_id = ? and kind = 'CLIENT_APPROVED'", id));
        }
    }

    @Test
    void twoReplicasSweepingAtOnceReleaseEachEscrowOnce() throws Exception {
        Sender s = sender();
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            due.add(escrow(s, PAST, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int total = 0;
        try {
            List<Callable<Integer>> runs = List.of(() -> {
                try {
                    return runSweep();
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }, () -> {
                try {
                    return runSweep();
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
            for (Future<Integer> f : pool.invokeAll(runs)) {
                total += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(total >= due.size(), "together they released every due escrow: " + total);
        for (long id : due) {
            assertEquals("RELEASED", status(id));
            assertEquals(1, TestDb.count("select count(*) from escrow_events where escrow_id = ? and kind = 'CLIENT_APPROVED'", id));
            assertEquals(1, TestDb.count("select count(*) from outbox_events where message_key = ? and type = 'escrow.released.v1'",
                    String.valueOf(id)));
        }
    }

    @Test
    void scheduledTriggerDoesNothingWhileTheFlagIsOff() throws Throwable {
        Sender s = sender();
        long due = escrow(s, PAST, true);
        VertxContextSupport.subscribeAndAwait(() -> sweep.scheduled());
        assertEquals("FUNDED", status(due));
        assertEquals(0, TestDb.count("select count(*) from scheduler_locks where name = 'default'"));
        runSweep();
        assertEquals("RELEASED", status(due));
    }
}
