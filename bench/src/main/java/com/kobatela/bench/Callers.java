package com.kobatela.bench;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
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

    /** Marks the end of a successful flow. */
    public static ChainBuilder completed() {
        return exec(s -> {
            Recorder.flowCompleted();
            return s;
        });
    }
}
