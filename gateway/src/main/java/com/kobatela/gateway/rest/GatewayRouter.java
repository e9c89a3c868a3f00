package com.kobatela.gateway.rest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kobatela.gateway.client.UpstreamProxy;
import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.gateway.domain.RouteRule;
import com.kobatela.gateway.domain.RouteTable;
import com.kobatela.gateway.domain.Upstream;
import com.kobatela.gateway.ratelimit.RateLimiter;
import com.kobatela.gateway.service.ApiKeyAuthenticator;
import com.kobatela.gateway.service.InternalTokenIssuer;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorBody;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.security.InternalClaims;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's front filter, a Vert.x route ordered before Quarkus REST (ARCHITECTURE §4). For every request:
 * <ol>
 * <li>{@code X-Request-Id}: the client's when sane (at most 64 characters of {@code [A-Za-z0-9._-]}) else a new
 * UUID; put in the MDC ({@code requestId}), on the request for the resources, and on every response;</li>
 * <li>{@code /q/*} (health probes, metrics) goes straight on;</li>
 * <li>the route is looked up in {@link RouteTable}; except for public routes (health, PSP webhooks) the API key is
 * authenticated ({@code 401}), then the scope is checked ({@code 403 INSUFFICIENT_SCOPE}); an unknown route then
 * answers {@code 404 NOT_FOUND};</li>
 * <li>rate limits ({@link RateLimiter}): a token from the caller's API key bucket, or from the client IP's bucket on
 * the PSP webhooks; none left → {@code 429 RATE_LIMITED} with {@code Retry-After}; every limited route's answer
 * carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset};</li>
 * <li>the body is read up to {@code kobatela.gateway.max-body-bytes} (default 1 MiB; larger →
 * {@code 413 PAYLOAD_TOO_LARGE});</li>
 * <li>gateway routes (users, API keys, health) continue to Quarkus REST; every other route is forwarded to its
 * service with a fresh internal JWT (PSP webhooks: byte for byte, without JWT); an unavailable service answers
 * {@code 503 SERVICE_UNAVAILABLE}.</li>
 * </ol>
 * Every error uses the common error body (spec {@code api.md#0.2}). Metrics: {@code kobatela_gateway_auth_failures_total}
 * by {@code reason} (the 401/403 code, lower case) and {@code kobatela_gateway_rate_limited_total} by {@code kind}.
 * The MDC carries {@code requestId} and, once authenticated, {@code actor} ({@code apikey:<prefix>}; never the key).
 */
@ApplicationScoped
public class GatewayRouter {

    /** Error code of a refused call (429). */
    public static final String RATE_LIMITED = "RATE_LIMITED";

    /** Order of the filter route: after Quarkus's own early handlers, before Quarkus REST. */
    static final int ORDER = 500;

    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    InternalTokenIssuer tokens;

    @Inject
    UpstreamProxy proxy;

    @Inject
    ObjectMapper mapper;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kobatela.gateway.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String requestId = GatewayContext.requestIdFrom(request.getHeader(InternalClaims.REQUEST_ID_HEADER));
        ctx.put(GatewayContext.REQUEST_ID, requestId);
        MDC.put("requestId", requestId);
        MDC.remove("actor");
        request.headers().set(InternalClaims.REQUEST_ID_HEADER, requestId);
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(InternalClaims.REQUEST_ID_HEADER, requestId));

        String path = request.path();
        if (path == null || path.equals("/q") || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        request.pause();
        Optional<RouteRule> rule = RouteTable.find(request.method().name(), path);
        if (rule.isPresent() && rule.get().isPublic()) {
            if (rule.get().target() == Upstream.LOCAL) {
                route(ctx, rule.get(), null, requestId);
            } else {
                String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
                limited(ctx, RateLimiter.Kind.WEBHOOK_IP, ip, () -> route(ctx, rule.get(), null, requestId));
            }
            return;
        }
        authenticator.authenticate(request.getHeader("X-API-Key"), request.getHeader(HttpHeaders.AUTHORIZATION), requestId)
                .subscribe().with(key -> {
                    ctx.put(GatewayContext.KEY, key);
                    MDC.put("requestId", requestId);
                    MDC.put("actor", "apikey:" + key.prefix());
                    if (rule.isEmpty()) {
                        fail(ctx, new ApiException(404, ErrorCodes.NOT_FOUND, "Not found."));
                    } else if (!key.scope().satisfies(rule.get().allowed())) {
                        fail(ctx, new ApiException(403, ErrorCodes.INSUFFICIENT_SCOPE, rule.get().insufficientScopeMessage()));
                    } else {
                        limited(ctx, RateLimiter.Kind.API_KEY, Long.toString(key.id()), () -> route(ctx, rule.get(), key, requestId));
                    }
                }, e -> fail(ctx, e));
    }

    /**
     * Runs {@code then} when the bucket of {@code subject} has a token, else answers {@code 429 RATE_LIMITED}
     * (common error body, {@code details.retry_after_seconds}) with {@code Retry-After}. Either way the answer
     * carries the {@code RateLimit-*} headers.
     */
    private void limited(RoutingContext ctx, RateLimiter.Kind kind, String subject, Runnable then) {
        if (!rateLimiter.enabled()) {
            then.run();
            return;
        }
        rateLimiter.take(kind, subject).subscribe().with(d -> {
            ctx.addHeadersEndHandler(v -> {
                MultiMap h = ctx.response().headers();
                h.set("RateLimit-Limit", Integer.toString(d.limit()));
                h.set("RateLimit-Remaining", Long.toString(d.remaining()));
                h.set("RateLimit-Reset", Long.toString(d.resetSeconds()));
            });
            if (d.allowed()) {
                then.run();
                return;
            }
            registry.counter("kobatela.gateway.rate.limited", "kind", kind.tag()).increment();
            ctx.response().putHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
            respond(ctx, 429, ErrorBody.of(RATE_LIMITED, "Too many requests; retry after " + d.retryAfterSeconds() + " s.", null,
                    Map.of("retry_after_seconds", d.retryAfterSeconds(), "limit", d.limit())));
        }, e -> fail(ctx, e));
    }

    /**
     * Gateway routes continue (still paused) to Quarkus REST, which reads the body itself within
     * {@code quarkus.http.limits.max-body-size}: reading it here first breaks HTTP/2 requests, whose stream cannot be
     * paused again once ended. Every other route has its body read (capped) and forwarded.
     */
    private void route(RoutingContext ctx, RouteRule rule, AuthenticatedKey key, String requestId) {
        if (rule.target() == Upstream.LOCAL) {
            if (declaredTooLarge(ctx)) {
                return;
            }
            ctx.next();
            return;
        }
        readBody(ctx, body -> forward(ctx, rule, key, body, requestId));
    }

    private void forward(RoutingContext ctx, RouteRule rule, AuthenticatedKey key, Buffer body, String requestId) {
        String bearer = key == null ? null : tokens.issue(key, requestId);
        HttpServerRequest request = ctx.request();
        String clientIp = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        proxy.forward(rule.target(), request.method(), request.uri(), request.headers(), body, bearer, requestId, clientIp)
                .subscribe().with(answer -> {
                    if (ctx.response().ended() || ctx.response().closed()) {
                        return;
                    }
                    if (answer.isUnavailable()) {
                        respond(ctx, 503, ErrorBody.of(ErrorCodes.SERVICE_UNAVAILABLE,
                                "Service " + rule.target().key() + " is unavailable; try again later."));
                        return;
                    }
                    ctx.response().setStatusCode(answer.status());
                    ctx.response().headers().addAll(answer.headers());
                    ctx.response().end(answer.body());
                }, e -> fail(ctx, e));
    }

    /**
     * Reads the whole body (at most {@link #maxBodyBytes}) of a paused request, then calls {@code then}; answers
     * {@code 413 PAYLOAD_TOO_LARGE} as soon as the declared or received size exceeds the cap.
     */
    private void readBody(RoutingContext ctx, Consumer<Buffer> then) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            Buffer existing = ctx.body() == null ? null : ctx.body().buffer();
            then.accept(existing == null ? Buffer.buffer() : existing);
            return;
        }
        if (declaredTooLarge(ctx)) {
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] stopped = {false};
        request.handler(chunk -> {
            if (stopped[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                stopped[0] = true;
                tooLarge(ctx);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> {
            if (!stopped[0]) {
                stopped[0] = true;
                LOG.debugf("request body not received: %s", e.toString());
                ctx.response().reset();
            }
        });
        request.endHandler(v -> {
            if (!stopped[0]) {
                stopped[0] = true;
                then.accept(body);
            }
        });
        request.resume();
    }

    /** Answers 413 (or 400 for a malformed header) when the declared Content-Length exceeds the cap; true if answered. */
    private boolean declaredTooLarge(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        try {
            if (Long.parseLong(declared.strip()) > maxBodyBytes) {
                tooLarge(ctx);
                return true;
            }
            return false;
        } catch (NumberFormatException e) {
            fail(ctx, new ApiException(400, ErrorCodes.VALIDATION_ERROR, "Invalid Content-Length."));
            return true;
        }
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        respond(ctx, 413, ErrorBody.of(ErrorCodes.PAYLOAD_TOO_LARGE,
                "Request body larger than " + maxBodyBytes + " bytes."));
    }

    private void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ApiException api) {
            if (api.status() == 401 || api.status() == 403) {
                registry.counter("kobatela.gateway.auth.failures", "reason", api.code().toLowerCase(Locale.ROOT)).increment();
            }
            respond(ctx, api.status(), api.toBody());
            return;
        }
        LOG.error("gateway request failed", e);
        respond(ctx, 500, ErrorBody.of(ErrorCodes.INTERNAL_SERVER_ERROR, "An unexpected error occurred."));
    }

    private void respond(RoutingContext ctx, int status, ErrorBody body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            json = "{\"error\":{\"code\":\"INTERNAL_SERVER_ERROR\",\"message\":\"An unexpected error occurred.\"}}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }
}
