package com.kobatela.gateway.domain;

import java.util.List;
import java.util.regex.Pattern;

import com.kobatela.kernel.security.Scope;

/**
 * One public route: HTTP method (null = any), path pattern, owning service and allowed scopes.
 *
 * @param method  upper-case HTTP method, or null for any method
 * @param path    full-match pattern of the path (no query)
 * @param target  who serves it
 * @param allowed allowed scopes in spec order; empty = public (no API key)
 */
public record RouteRule(String method, Pattern path, Upstream target, List<Scope> allowed) {

    /** True when the route needs no API key (health, PSP webhooks). */
    public boolean isPublic() {
        return allowed.isEmpty();
    }

    /** True when this rule covers {@code method} and {@code path}. */
    public boolean matches(String method, String path) {
        return (this.method == null || this.method.equals(method)) && this.path.matcher(path).matches();
    }

    /**
     * The 403 message of spec {@code api.md#0.3}: {@code Requires one of: ['admin', 'support']} (Python list repr,
     * {@code admin} first, then the other allowed scopes in spec order).
     */
    public String insufficientScopeMessage() {
        StringBuilder sb = new StringBuilder("Requires one of: [");
        sb.append("'admin'");
        for (Scope s : allowed) {
            if (s != Scope.ADMIN) {
                sb.append(", '").append(s.value()).append('\'');
            }
        }
        return sb.append(']').toString();
    }
}
