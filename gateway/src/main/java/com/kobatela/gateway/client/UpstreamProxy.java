package com.kobatela.gateway.client;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import org.jboss.logging.Logger;

import com.kobatela.gateway.config.UpstreamConfig;
import com.kobatela.gateway.domain.Upstream;
import com.kobatela.kernel.security.InternalClaims;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Forwards a request to its upstream service with the Vert.x HTTP client (ARCHITECTURE §4): same method, path and
 * query, body bytes unchanged; hop-by-hop headers, {@code X-API-Key}, {@code Authorization}, {@code Host} and
 * {@code Content-Length} dropped; {@code Authorization: Bearer <internal JWT>} (when given), {@code X-Request-Id} and
 * {@code X-Forwarded-For} added. The answer keeps its status, headers (minus hop-by-hop) and body. A whole-call
 * deadline per upstream ({@code kobatela.upstream.timeout}) turns a refused, failing or silent upstream into an
 * {@link Answer#unavailable} result, never a hang. Each upstream has a circuit breaker (SmallRye Fault Tolerance,
 * {@code kobatela.upstream.circuit-breaker.*}): while open, calls answer unavailable at once ({@code circuit_open})
 * instead of waiting for the timeout. {@code kobatela_gateway_upstream_unavailable_total} counts unavailable answers
 * by {@code upstream} and {@code reason} ({@code timeout}, {@code refused}, {@code circuit_open}, {@code error}). Bodies are buffered (requests are capped by the gateway filter,
 * answers are small JSON documents), which keeps the 503 guarantee simple.
 */
@ApplicationScoped
public class UpstreamProxy {

    /** Hop-by-hop headers (RFC 9110 §7.6.1), never forwarded in either direction. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** Request headers replaced or withheld by the gateway. */
    static final Set<String> DROPPED_REQUEST = Set.of("x-api-key", "authorization", "host", "content-length",
            "x-request-id", "x-forwarded-for");
    /** Answer headers the gateway recomputes. */
    static final Set<String> DROPPED_RESPONSE = Set.of("content-length", "x-request-id");

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    @Inject
    Vertx vertx;

    @Inject
    UpstreamConfig config;

    @Inject
    MeterRegistry registry;

    private volatile HttpClient client;
    private final Map<Upstream, TypedGuard<Uni<Answer>>> breakers = new EnumMap<>(Upstream.class);

    /** An unavailable answer, as a failure the circuit breaker counts. */
    static final class UnavailableException extends RuntimeException {
        final String reason;

        UnavailableException(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * The outcome of a forwarded call.
     *
     * @param status  upstream status, or 0 when the upstream was unavailable
     * @param headers answer headers to copy (already filtered), null when unavailable
     * @param body    answer body, null when unavailable
     * @param reason  why the upstream was unavailable, null otherwise
     */
    public record Answer(int status, MultiMap headers, Buffer body, String reason) {
        /** An unavailable upstream (refused, failed, timed out). */
        public static Answer unavailable(String reason) {
            return new Answer(0, null, null, reason);
        }

        /** True when the upstream gave no answer. */
        public boolean isUnavailable() {
            return status == 0;
        }
    }

    /**
     * Forwards a call.
     *
     * @param target    the upstream (not LOCAL)
     * @param method    the request method
     * @param uri       the raw request URI (path and query, exactly as received)
     * @param inbound   the client's request headers (filtered here)
     * @param body      the request body (may be empty)
     * @param bearer    the internal JWT, or null (PSP webhooks)
     * @param requestId the correlation id
     * @param clientIp  the client address for {@code X-Forwarded-For}, may be null
     * @return the answer; never fails: upstream problems give {@link Answer#unavailable}
     */
    public Uni<Answer> forward(Upstream target, HttpMethod method, String uri, MultiMap inbound, Buffer body, String bearer,
            String requestId, String clientIp) {
        URI base = URI.create(config.of(target).url());
        Duration timeout = config.timeoutOf(target);
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80))
                .setSsl("https".equalsIgnoreCase(base.getScheme()))
                .setURI(basePath(base) + uri)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setHeaders(requestHeaders(inbound, bearer, requestId, clientIp));
        return breaker(target).get(() -> call(options, body, timeout, target.key())
                .chain(a -> a.isUnavailable() ? Uni.createFrom().failure(new UnavailableException(a.reason())) : Uni.createFrom().item(a)))
                .onFailure().recoverWithItem(e -> Answer.unavailable(reason(e)))
                .invoke(a -> {
                    if (a.isUnavailable()) {
                        registry.counter("kobatela.gateway.upstream.unavailable", "upstream", target.key(), "reason", a.reason()).increment();
                    }
                });
    }

    /** Low-cardinality reason of an unavailable answer (metric tag and log). */
    private static String reason(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (e instanceof UnavailableException u) {
            return u.reason;
        }
        return "error";
    }

    private TypedGuard<Uni<Answer>> breaker(Upstream target) {
        synchronized (breakers) {
            return breakers.computeIfAbsent(target, u -> {
                UpstreamConfig.CircuitBreaker cb = config.circuitBreaker();
                return TypedGuard.create(new TypeLiteral<Uni<Answer>>() {
                }).withCircuitBreaker()
                        .requestVolumeThreshold(cb.requestVolumeThreshold())
                        .failureRatio(cb.failureRatio())
                        .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(cb.successThreshold())
                        .failOn(UnavailableException.class)
                        .name("gateway-upstream-" + u.key())
                        .onStateChange(state -> LOG.warnf("circuit breaker of upstream %s is now %s", u.key(), state))
                        .done().build();
            });
        }
    }

    /**
     * Probes an upstream's readiness ({@code GET /q/health/ready}).
     *
     * @return true when it answered 200 within {@code kobatela.upstream.health-timeout}
     */
    public Uni<Boolean> ready(Upstream target) {
        URI base = URI.create(config.of(target).url());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80)
                .setSsl("https".equalsIgnoreCase(base.getScheme()))
                .setURI(basePath(base) + "/q/health/ready")
                .setConnectTimeout(config.healthTimeout().toMillis());
        return call(options, Buffer.buffer(), config.healthTimeout(), target.key()).map(a -> a.status() == 200);
    }

    private Uni<Answer> call(RequestOptions options, Buffer body, Duration timeout, String name) {
        return Uni.createFrom().emitter(em -> {
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
                if (done.compareAndSet(false, true)) {
                    HttpClientRequest r = sent.get();
                    if (r != null) {
                        r.reset();
                    }
                    LOG.warnf("upstream %s did not answer within %d ms", name, timeout.toMillis());
                    em.complete(Answer.unavailable("timeout"));
                }
            });
            client().request(options)
                    .compose(req -> {
                        sent.set(req);
                        return req.send(body);
                    })
                    .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), responseHeaders(resp), b, null)))
                    .onComplete(ar -> {
                        if (!done.compareAndSet(false, true)) {
                            return;
                        }
                        vertx.cancelTimer(timer);
                        if (ar.succeeded()) {
                            em.complete(ar.result());
                        } else {
                            LOG.warnf("upstream %s unavailable: %s", name, ar.cause().toString());
                            em.complete(Answer.unavailable(ar.cause() instanceof java.net.ConnectException ? "refused" : "error"));
                        }
                    });
        });
    }

    /** The headers sent upstream. */
    static MultiMap requestHeaders(MultiMap inbound, String bearer, String requestId, String clientIp) {
        Set<String> dropped = new HashSet<>(DROPPED_REQUEST);
        dropped.addAll(HOP_BY_HOP);
        dropped.addAll(connectionTokens(inbound.get(HttpHeaders.CONNECTION)));
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> h : inbound) {
            if (!dropped.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.add(h.getKey(), h.getValue());
            }
        }
        if (bearer != null) {
            out.set(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        out.set(InternalClaims.REQUEST_ID_HEADER, requestId);
        String forwarded = inbound.get("X-Forwarded-For");
        if (clientIp != null) {
            out.set("X-Forwarded-For", forwarded == null ? clientIp : forwarded + ", " + clientIp);
        }
        return out;
    }

    private static MultiMap responseHeaders(HttpClientResponse resp) {
        Set<String> dropped = new HashSet<>(DROPPED_RESPONSE);
        dropped.addAll(HOP_BY_HOP);
        dropped.addAll(connectionTokens(resp.getHeader(HttpHeaders.CONNECTION)));
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> h : resp.headers()) {
            if (!dropped.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.add(h.getKey(), h.getValue());
            }
        }
        return out;
    }

    private static Set<String> connectionTokens(String connection) {
        Set<String> tokens = new HashSet<>();
        if (connection != null) {
            for (String t : connection.split(",")) {
                if (!t.isBlank()) {
                    tokens.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    private static String basePath(URI base) {
        String p = base.getRawPath();
        return p == null || p.equals("/") ? "" : (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = vertx.createHttpClient(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setMaxPoolSize(64)
                            .setConnectTimeout((int) config.connectTimeout().toMillis())
                            .setIdleTimeout(60));
                    client = c;
                }
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
