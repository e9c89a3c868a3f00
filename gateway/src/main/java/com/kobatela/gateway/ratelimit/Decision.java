package com.kobatela.gateway.ratelimit;

/**
 * The outcome of taking one token from a bucket.
 *
 * @param allowed           true when a token was taken
 * @param limit             the bucket's capacity ({@code RateLimit-Limit})
 * @param remaining         whole tokens left ({@code RateLimit-Remaining})
 * @param resetSeconds      seconds until the bucket is full again ({@code RateLimit-Reset}), rounded up
 * @param retryAfterSeconds when refused: seconds until a token is available ({@code Retry-After}), at least 1;
 *                          0 when allowed
 */
public record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
