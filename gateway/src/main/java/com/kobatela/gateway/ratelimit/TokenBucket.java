package com.kobatela.gateway.ratelimit;

/**
 * The token bucket arithmetic shared by both backends (pure): a bucket holds at most {@code capacity} tokens and
 * gains {@code refillPerSecond} per second; a call takes one token or is refused. Times in milliseconds.
 */
public final class TokenBucket {

    private TokenBucket() {
    }

    /**
     * Tokens in a bucket at {@code nowMs}, given what it held at {@code lastMs}.
     *
     * @return tokens, capped at {@code capacity}
     */
    public static double refill(double tokens, long lastMs, long nowMs, int capacity, double refillPerSecond) {
        double elapsed = Math.max(0, nowMs - lastMs) / 1000.0;
        return Math.min(capacity, tokens + elapsed * refillPerSecond);
    }

    /**
     * The decision for a bucket holding {@code tokensAfter} tokens after the call ({@code allowed}: one was taken).
     */
    public static Decision decision(boolean allowed, double tokensAfter, int capacity, double refillPerSecond) {
        long reset = (long) Math.ceil((capacity - tokensAfter) / refillPerSecond);
        long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokensAfter) / refillPerSecond));
        return new Decision(allowed, capacity, (long) Math.floor(tokensAfter), Math.max(0, reset), retry);
    }
}
