package com.kobatela.kernel.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.vertx.core.http.HttpServerRequest;

/**
 * Produces the request's {@link Caller} from the verified internal JWT.
 *
 * @throws io.quarkus.security.UnauthorizedException (via the mapper: 401) when the request has no valid token
 */
@RequestScoped
public class CallerProducer {

    @Inject
    JsonWebToken jwt;

    @Inject
    HttpServerRequest request;

    /** The caller of the current request. */
    @Produces
    @RequestScoped
    public Caller caller() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Object keyId = jwt.getClaim(InternalClaims.API_KEY_ID);
        Object userId = jwt.getClaim(InternalClaims.USER_ID);
        String requestId = request.getHeader(InternalClaims.REQUEST_ID_HEADER);
        if (requestId == null) {
            requestId = jwt.getClaim(InternalClaims.REQUEST_ID);
        }
        return new Caller(
                asLong(keyId) == null ? 0L : asLong(keyId),
                jwt.getClaim(InternalClaims.PREFIX),
                Scope.fromValue(jwt.getClaim(InternalClaims.SCOPE)),
                asLong(userId),
                jwt.getClaim(InternalClaims.PUBLIC_TAG),
                requestId);
    }

    private static Long asLong(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof Number n) {
            return n.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        String s = claim.toString();
        return s.isBlank() || "null".equals(s) ? null : Long.parseLong(s);
    }
}
