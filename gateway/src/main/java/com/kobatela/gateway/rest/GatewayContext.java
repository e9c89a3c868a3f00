package com.kobatela.gateway.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.security.Caller;

import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway's router filter attaches to a request's {@link RoutingContext}: the correlation id and the
 * authenticated key. Read by the gateway's own resources.
 */
public final class GatewayContext {

    /** Context key of the request id. */
    public static final String REQUEST_ID = "kobatela.requestId";
    /** Context key of the {@link AuthenticatedKey}. */
    public static final String KEY = "kobatela.apiKey";
    /** A sane client-supplied request id: at most 64 characters of {@code [A-Za-z0-9._-]}. */
    public static final Pattern SANE_REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    private GatewayContext() {
    }

    /** The client's request id when sane, else a fresh UUID (spec {@code api.md#0.1}, {@code X-Request-Id}). */
    public static String requestIdFrom(String header) {
        if (header != null) {
            String h = header.strip();
            if (SANE_REQUEST_ID.matcher(h).matches()) {
                return h;
            }
        }
        return UUID.randomUUID().toString();
    }

    /**
     * The caller of the current request.
     *
     * @throws ApiException 401 {@code NO_API_KEY} when the request was not authenticated (never for a routed
     *                      request: the filter authenticates before any resource runs)
     */
    public static Caller caller(RoutingContext ctx) {
        AuthenticatedKey key = ctx.get(KEY);
        if (key == null) {
            throw new ApiException(401, ErrorCodes.NO_API_KEY, "API key required.");
        }
        return key.caller(ctx.get(REQUEST_ID));
    }
}
