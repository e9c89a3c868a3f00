package com.kobatela.escrow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.kobatela.kernel.jobs.SchedulerLease;
import com.kobatela.kernel.jobs.SchedulerLockState;
import com.kobatela.kernel.jobs.SchedulerLocks;
import com.kobatela.testsupport.ServiceTestProfile;
import com.kobatela.testsupport.TestDb;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * The scheduler lock on a real PostgreSQL (spec {@code rules.md#jobs}, {@code domain.md#7.2}): AC-084 to AC-087, the
 * unique-insert race, release, staleness, and "two instances with the flag on: exactly one runs the job".
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class SchedulerLockTest {

    private static final Duration TTL = Duration.ofSeconds(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SchedulerLocks locks;

    private static String name() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private boolean acquire(String name, String owner, Duration ttl) {
        return locks.acquire(name, owner, ttl).await().atMost(WAIT);
    }

    /** Seconds from now (database clock) until the lock expires. */
    private static long expiresIn(String name) {
        return TestDb.count("select extract(epoch from expires_at - now())::bigint from scheduler_locks where name = ?", name);
    }

    @Test
    void ac084SameOwnerReacquiresAndExtends() {
        String lock = name();
        assertTrue(acquire(lock, "node-a", Duration.ofSeconds(60)));
        assertTrue(expiresIn(lock) <= 60);
        assertTrue(acquire(lock, "node-a", TTL));
        assertTrue(expiresIn(lock) > 290, "extended to now + 300 s");
        assertTrue(locks.extend(lock, "node-a", TTL).await().atMost(WAIT));
        assertEquals(1, TestDb.count("select count(*) from scheduler_locks where name = ?", lock));
    }

    @Test
    void ac085OtherOwnerBlockedWhileValid() {
        String lock = name();
        assertTrue(acquire(lock, "node-a", TTL));
        assertFalse(acquire(lock, "node-b", TTL));
        assertFalse(locks.extend(lock, "node-b", TTL).await().atMost(WAIT), "only the holder can heartbeat");
        assertEquals("node-a", TestDb.query("select owner from scheduler_locks where name = ?", lock).get(0).get("owner"));
    }

    @Test
    void ac086TakeoverAfterExpiry() {
        String lock = name();
        assertTrue(acquire(lock, "node-a", Duration.ofSeconds(60)));
        TestDb.update("update scheduler_locks set expires_at = now() - interval '1 second' where name = ?", lock);
        assertTrue(acquire(lock, "node-b", TTL));
        assertEquals("node-b", TestDb.query("select owner from scheduler_locks where name = ?", lock).get(0).get("owner"));
        assertFalse(acquire(lock, "node-a", TTL), "the old holder lost it");
        assertFalse(locks.extend(lock, "node-a", TTL).await().atMost(WAIT));
        TestDb.update("update scheduler_locks set expires_at = null where name = ?", lock);
        assertTrue(acquire(lock, "node-a", TTL), "a null expiry is free too");
    }

    @Test
    void ac087DescriptionAndStaleness() {
        String lock = name();
        assertEquals(SchedulerLockState.none(), locks.describe(lock, "node-a").await().atMost(WAIT));
        assertTrue(acquire(lock, "node-a", TTL));
        SchedulerLockState self = locks.describe(lock, "node-a").await().atMost(WAIT);
        assertEquals(SchedulerLockState.OWNED_BY_SELF, self.status());
        assertTrue(self.present());
        assertEquals("node-a", self.owner());
        assertNotNull(self.ageSeconds());
        assertTrue(self.ageSeconds() >= 0 && self.ageSeconds() < 10, String.valueOf(self.ageSeconds()));
        assertTrue(self.expiresInSeconds() > 290 && self.expiresInSeconds() <= 300, String.valueOf(self.expiresInSeconds()));
        assertFalse(self.stale());
        assertEquals(SchedulerLockState.OWNED_BY_OTHER, locks.describe(lock, "node-b").await().atMost(WAIT).status());

        TestDb.update("update scheduler_locks set acquired_at = now() - interval '400 seconds', expires_at = now() - interval '30 seconds' "
                + "where name = ?", lock);
        SchedulerLockState expired = locks.describe(lock, "node-b").await().atMost(WAIT);
        assertFalse(expired.stale(), "expired for less than 60 s");
        assertTrue(expired.expiresInSeconds() < 0);
        assertTrue(expired.ageSeconds() >= 400);
        TestDb.update("update scheduler_locks set expires_at = now() - interval '61 seconds' where name = ?", lock);
        assertTrue(locks.describe(lock, "node-b").await().atMost(WAIT).stale());
    }

    @Test
    void concurrentFirstAcquisitionsHaveExactlyOneWinner() throws Exception {
        String lock = name();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String owner = "node-" + i;
                calls.add(() -> acquire(lock, owner, TTL));
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releaseOnlyByTheHolder() {
        String lock = name();
        assertTrue(acquire(lock, "node-a", TTL));
        assertFalse(locks.release(lock, "node-b").await().atMost(WAIT));
        assertTrue(locks.release(lock, "node-a").await().atMost(WAIT));
        assertEquals(0, TestDb.count("select count(*) from scheduler_locks where name = ?", lock));
        assertTrue(acquire(lock, "node-b", TTL), "free again after release");
    }

    @Test
    void twoInstancesWithTheFlagOnRunTheJobOnceAndAFlagOffInstanceNever() throws Exception {
        String lock = name();
        SchedulerLease a = new SchedulerLease(locks, lock, "node-a", TTL, true);
        SchedulerLease b = new SchedulerLease(locks, lock, "node-b", TTL, true);
        SchedulerLease off = new SchedulerLease(locks, lock, "node-off", TTL, false);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> ra = pool.submit(() -> a.runLocked("job", () -> Uni.createFrom().item(runs.incrementAndGet())).await().atMost(WAIT));
            Future<Boolean> rb = pool.submit(() -> b.runLocked("job", () -> Uni.createFrom().item(runs.incrementAndGet())).await().atMost(WAIT));
            assertTrue(ra.get() ^ rb.get(), "exactly one instance runs the job");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs.get());
        SchedulerLease winner = a.held() ? a : b;
        SchedulerLease loser = a.held() ? b : a;
        assertFalse(loser.held());
        assertTrue(winner.runLocked("job", () -> Uni.createFrom().item(runs.incrementAndGet())).await().atMost(WAIT), "the holder runs again");
        assertFalse(loser.heartbeat().await().atMost(WAIT));
        assertFalse(off.runLocked("job", () -> Uni.createFrom().item(runs.incrementAndGet())).await().atMost(WAIT));
        assertFalse(off.heartbeat().await().atMost(WAIT));
        assertEquals(2, runs.get());
        winner.release().await().atMost(WAIT);
        assertTrue(loser.runLocked("job", () -> Uni.createFrom().item(runs.incrementAndGet())).await().atMost(WAIT), "takes over once released");
        assertEquals(3, runs.get());
    }

    @Test
    void flagOffInstanceNeverTouchesTheTable() {
        String lock = name();
        SchedulerLease off = new SchedulerLease(locks, lock, "node-off", TTL, false);
        assertFalse(off.runLocked("job", () -> Uni.createFrom().voidItem()).await().atMost(WAIT));
        off.release().await().atMost(WAIT);
        assertEquals(0, TestDb.count("select count(*) from scheduler_locks where name = ?", lock));
        assertNull(TestDb.query("select 1 from scheduler_locks where name = ?", lock).stream().findFirst().orElse(null));
    }

    @Test
    void healthReportsTheSchedulerOffByDefault() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'scheduler' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'scheduler' }.data.config_enabled", equalTo(false))
                .body("checks.find { it.name == 'scheduler' }.data.running", equalTo(false))
                .body("checks.find { it.name == 'scheduler' }.data.lock_name", equalTo("default"))
                .body("checks.find { it.name == 'scheduler' }.data.lock_status", equalTo("none"));
    }
}
