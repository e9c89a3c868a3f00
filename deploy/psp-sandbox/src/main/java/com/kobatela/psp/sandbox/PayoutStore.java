package com.kobatela.psp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory payout book of the simulator, keyed by idempotency key and by PSP reference.
 * State is lost on restart, which is fine for a simulator.
 */
@ApplicationScoped
public class PayoutStore {

    private final Map<String, Payout> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Payout> byPspRef = new ConcurrentHashMap<>();

    /**
     * Records a payout once per idempotency key.
     *
     * @return the payout stored for this key: the new one, or the one recorded by an earlier call
     */
    public Payout acceptOnce(String idempotencyKey, BigDecimal amount, String currency, String beneficiary) {
        return byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> {
            Payout payout = new Payout("PSP-" + UUID.randomUUID(), key, amount, currency, beneficiary,
                    Payout.ACCEPTED, Instant.now());
            byPspRef.put(payout.pspRef(), payout);
            return payout;
        });
    }

    /** Finds a payout by its PSP reference. */
    public Optional<Payout> find(String pspRef) {
        return Optional.ofNullable(byPspRef.get(pspRef));
    }

    /** Forgets every payout. */
    public void clear() {
        byIdempotencyKey.clear();
        byPspRef.clear();
    }
}
