package com.kobatela.kernel.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.kobatela.kernel.security.InternalClaims;

/**
 * Puts the gateway's {@code X-Request-Id} in the logging context (MDC key {@code requestId}) and echoes it on
 * the response, so every log line of a request carries it (ARCHITECTURE §7).
 */
public class RequestIdFilter {

    /** Reads the request id. */
    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext ctx) {
        String id = ctx.getHeaderString(InternalClaims.REQUEST_ID_HEADER);
        if (id != null && !id.isBlank()) {
            MDC.put("requestId", id);
        }
    }

    /** Echoes the request id. */
    @ServerResponseFilter
    public void onResponse(ContainerRequestContext req, ContainerResponseContext res) {
        String id = req.getHeaderString(InternalClaims.REQUEST_ID_HEADER);
        if (id != null && !res.getHeaders().containsKey(InternalClaims.REQUEST_ID_HEADER)) {
            res.getHeaders().putSingle(InternalClaims.REQUEST_ID_HEADER, id);
        }
    }
}
