package com.kobatela.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * How the simulations call the suite: the HTTP protocol (shared keep-alive connections, as a partner's client
 * pool), the {@code auth} session attribute ({@code Bearer <API key>} through the gateway, or
 * {@code Bearer <internal JWT>} for direct calls to a service), and {@link #call} which times every request into
 * the {@link Recorder} and stops the flow at the first failure.
 */
public final class Callers {

    private static final String RT = "bench_rt";

    private Callers() {
    }

    /** JSON over a shared connection pool to {@link BenchParams#baseUrl()}. */
    public static HttpProtocolBuilder protocol(BenchParams p) {
        return http.baseUrl(p.baseUrl()).contentTypeHeader("application/json").acceptHeader("application/json")
                .shareConnections().disableCaching();
    }

    /** Sets the session's {@code auth} attribute from the feeder row. */
    public static Function<Session, Session> authenticate(BenchParams p) {
        if (!p.direct()) {
            return s -> s.set("auth", "Bearer " + s.getString("sender_key"));
        }
        return s -> s.set("auth", "Bearer " + DirectTokens.sender(Long.parseLong(s.getString("api_key_id")), s.getString("prefix"),
                Long.parseLong(s.getString("client_id"))));
    }

    /** {@code POST /escrows} body for the feeder row's client and provider. */
    public static String escrowBody(Session s) {
        return Flows.escrowBody(Long.parseLong(s.getString("client_id")), Long.parseLong(s.getString("provider_id")));
    }

    /**
     * One timed request: its response time is recorded under {@code name} with its outcome; a failed check ends
     * the virtual user's flow.
     *
     * @param name    request type (also Gatling's request name)
     * @param request the request, without checks
     * @param checks  the checks that define success
     */
    public static ChainBuilder call(String name, HttpRequestActionBuilder request, CheckBuilder... checks) {
        return exec(s -> s.remove(RT))
                .exec(request.check(responseTimeInMillis().saveAs(RT)).check(checks))
                .exec(s -> {
                    Recorder.request(name, s.contains(RT) ? s.getLong(RT) : -1, !s.isFailed());
                    return s;
                })
                .exitHereIfFailed();
    }

    /** Longest wait of a poll or retry loop, and its pause between attempts. */
    static final Duration LOOP_PAUSE = Duration.ofMillis(20);
    static final int LOOP_MAX = 500;

    /**
     * A request retried while another service has not yet caught up (404 or 409, e.g. proof-service not yet knowing a
     * milestone or a deposit that came through Kafka), after {@link #backoff}, at most {@link #LOOP_MAX} times. The
     * accepted attempt is recorded under {@code name}, the early ones under {@code name + " (not yet visible)"}.
     */
    public static ChainBuilder retryUntil(String name, HttpRequestActionBuilder request, int expected, String tag) {
        String status = "bench_status_" + tag;
        String tries = "bench_tries_" + tag;
        return exec(s -> s.remove(status).set(tries, 0))
                .asLongAs(s -> !String.valueOf(expected).equals(s.getString(status)) && s.getInt(tries) < LOOP_MAX && !s.isFailed()).on(
                        exec(s -> s.remove(RT))
                                .exec(request.check(responseTimeInMillis().saveAs(RT), HttpDsl.status().in(expected, 404, 409).saveAs(status)))
                                .exec(s -> {
                                    boolean ok = String.valueOf(expected).equals(s.getString(status));
                                    Recorder.request(ok ? name : name + " (not yet visible)", s.contains(RT) ? s.getLong(RT) : -1, !s.isFailed());
                                    return s.set(tries, s.getInt(tries) + 1);
                                })
                                .doIf(s -> !String.valueOf(expected).equals(s.getString(status))).then(pause(s -> backoff(s.getInt(tries)))))
                .exec(s -> s.isFailed() || String.valueOf(expected).equals(s.getString(status)) ? s : gaveUp(name, s))
                .exitHereIfFailed();
    }

    /**
     * A GET repeated with {@link #backoff} until {@code done} holds (at most {@link #LOOP_MAX} times). A 200 answer is
     * recorded under {@code name}; a 404 (the owning service has not yet received the entity through Kafka) under
     * {@code name + " (not yet visible)"} and polled again.
     *
     * @param extract   a check saving what {@code done} looks at (applied to 200 answers only)
     * @param extract2  a second check, or null
     */
    public static ChainBuilder pollUntil(String name, HttpRequestActionBuilder request, CheckBuilder extract, CheckBuilder extract2,
            java.util.function.Predicate<Session> done) {
        String tries = "bench_polls_" + Math.abs(name.hashCode());
        String status = "bench_poll_status_" + Math.abs(name.hashCode());
        CheckBuilder[] extracts = extract2 == null ? new CheckBuilder[] {extract} : new CheckBuilder[] {extract, extract2};
        HttpRequestActionBuilder poll = request.check(responseTimeInMillis().saveAs(RT), HttpDsl.status().in(200, 404).saveAs(status))
                .checkIf((response, session) -> response.status().code() == 200).then(extracts);
        java.util.function.Predicate<Session> finished = s -> "200".equals(s.getString(status)) && done.test(s);
        return exec(s -> s.remove(status).set(tries, 0))
                .asLongAs(s -> !finished.test(s) && s.getInt(tries) < LOOP_MAX && !s.isFailed()).on(
                        exec(s -> s.remove(RT)).exec(poll)
                                .exec(s -> {
                                    boolean visible = "200".equals(s.getString(status));
                                    Recorder.request(visible ? name : name + " (not yet visible)", s.contains(RT) ? s.getLong(RT) : -1,
                                            !s.isFailed());
                                    return s.set(tries, s.getInt(tries) + 1);
                                })
                                .doIf(s -> !finished.test(s)).then(pause(s -> backoff(s.getInt(tries)))))
                .exec(s -> s.isFailed() || finished.test(s) ? s : gaveUp(name, s))
                .exitHereIfFailed();
    }

    /**
     * Pause before attempt {@code tries + 1} of a poll or retry loop: {@link #LOOP_PAUSE} doubled per attempt up to
     * 200 ms, so a lagging service is not hammered by the benchmark itself while the convergence stays visible.
     */
    static Duration backoff(int tries) {
        long ms = LOOP_PAUSE.toMillis() << Math.min(tries, 4);
        return Duration.ofMillis(Math.min(ms, 200));
    }

    /** Records a loop that ran out of attempts with no failed request, and fails the flow. */
    private static Session gaveUp(String name, Session s) {
        Recorder.request(name + " (gave up)", -1, false);
        return s.markAsFailed();
    }

    /** Marks the end of a successful flow. */
    public static ChainBuilder completed() {
        return exec(s -> {
            Recorder.flowCompleted();
            return s;
        });
    }
}
