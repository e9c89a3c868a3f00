package com.kobatela.psp.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's payout book, in memory (lost on restart, fine for a simulator): one payout per idempotency key,
 * also found by PSP reference, and a counter of payout calls that reached the PSP (for tests: "one PSP call").
 */
public final class PayoutBook {

    /**
     * The result of an acceptance.
     *
     * @param payout the payout stored for the key
     * @param fresh  true when this call created it, false for a replay of the key
     */
    public record Accepted(Payout payout, boolean fresh) {
    }

    private final Map<String, Payout> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Payout> byPspRef = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    /** Counts one payout call (whatever its answer). */
    void countCall() {
        calls.incrementAndGet();
    }

    /** Payout calls received since the last reset. */
    public long calls() {
        return calls.get();
    }

    /** Payouts recorded since the last reset. */
    public int size() {
        return byIdempotencyKey.size();
    }

    /**
     * Records a payout once per idempotency key (atomic per key).
     *
     * @return the payout stored for this key and whether this call created it
     */
    public Accepted acceptOnce(String idempotencyKey, BigDecimal amount, String currency, String beneficiary) {
        boolean[] fresh = {false};
        Payout payout = byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> {
            Payout p = new Payout("PSP-" + UUID.randomUUID(), key, amount, currency, beneficiary, Instant.now());
            byPspRef.put(p.pspRef(), p);
            fresh[0] = true;
            return p;
        });
        return new Accepted(payout, fresh[0]);
    }

    /** Finds a payout by its PSP reference. */
    public Optional<Payout> find(String pspRef) {
        return Optional.ofNullable(pspRef == null ? null : byPspRef.get(pspRef));
    }

    /** Finds a payout by the caller's idempotency key. */
    public Optional<Payout> findByKey(String idempotencyKey) {
        return Optional.ofNullable(idempotencyKey == null ? null : byIdempotencyKey.get(idempotencyKey));
    }

    /** Forgets every payout and the call counter. */
    public void clear() {
        byIdempotencyKey.clear();
        byPspRef.clear();
        calls.set(0);
    }
}
