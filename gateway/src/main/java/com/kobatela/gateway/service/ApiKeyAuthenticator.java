package com.kobatela.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.gateway.domain.AuthenticatedKey;
import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.security.Scope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Authenticates a request by its API key (spec {@code rules.md#api-keys}, {@code #legacy-key}):
 * <ol>
 * <li>token: {@code X-API-Key} (trimmed) wins; else {@code Authorization: Bearer <key>}; anything else is no key
 * ({@code 401 NO_API_KEY});</li>
 * <li>the legacy dev key ({@code DEV_API_KEY}), checked first with a constant-time comparison: accepted as admin
 * (id 0, prefix {@code legacy}, audit {@code LEGACY_API_KEY_USED}) only when {@code KOB_ENV} is dev, local or
 * dev_local, else {@code 401 LEGACY_KEY_FORBIDDEN};</li>
 * <li>stored keys, looked up by their HMAC digest: active and not expired, else {@code 401 UNAUTHORIZED}; on
 * success an {@code API_KEY_USED} audit row is written and {@code last_used_at} is set (to the second), both committed
 * before the request goes on (so they stay even when the request then fails).</li>
 * </ol>
 * No cache fronts the lookup: it rides on the statement that writes the usage audit row anyway, and revocation is
 * then immediate on every replica.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    /** Environments where the legacy dev key is accepted. */
    public static final Set<String> DEV_ENVIRONMENTS = Set.of("dev", "local", "dev_local");

    /**
     * One statement, one commit: the key lookup by digest, the {@code API_KEY_USED} audit row (data
     * {@code {scope, prefix}}: nothing the audit sanitiser would mask) and {@code last_used_at}. The audit row is
     * written on every request; {@code last_used_at} is moved only when it is more than a second old, so requests of
     * one busy key do not queue on that key's row lock (one row, updated by every request, would serialise a partner's
     * whole traffic behind each commit). {@code last_used_at} is therefore exact to the second
     * (docs/architecture-notes.md, "API key usage"); the audit rows keep every use.
     */
    private static final String LOOKUP = "with k as (select k.id, k.prefix, k.scope, k.user_id, k.last_used_at from api_keys k "
            + "where k.key_hash = $1 and k.is_active and (k.expires_at is null or k.expires_at > now())), "
            + "u as (update api_keys t set last_used_at = now() from k where t.id = k.id "
            + "and (t.last_used_at is null or t.last_used_at < now() - interval '1 second')), "
            + "a as (insert into audit_logs (actor, action, entity, entity_id, data_json, at, api_key_id, request_id) "
            + "select 'apikey:' || k.prefix, 'API_KEY_USED', 'ApiKey', k.id, jsonb_build_object('scope', k.scope, 'prefix', k.prefix), "
            + "now(), k.id, $2 from k) "
            + "select k.id, k.prefix, k.scope, k.user_id, (select u.public_tag from users u where u.id = k.user_id) as public_tag from k";

    @Inject
    Pool pool;

    @Inject
    ApiKeyHasher hasher;

    @Inject
    AuditWriter audit;

    @ConfigProperty(name = "kobatela.legacy-key")
    Optional<String> legacyKey;

    @ConfigProperty(name = "kobatela.env", defaultValue = "prod")
    String env;

    /**
     * Authenticates a request.
     *
     * @param xApiKey       the {@code X-API-Key} header, may be null
     * @param authorization the {@code Authorization} header, may be null
     * @param requestId     correlation id for the audit rows
     * @return the key; fails with an {@link ApiException} 401 ({@code NO_API_KEY}, {@code UNAUTHORIZED},
     *         {@code LEGACY_KEY_FORBIDDEN})
     */
    public Uni<AuthenticatedKey> authenticate(String xApiKey, String authorization, String requestId) {
        Optional<String> token = extractToken(xApiKey, authorization);
        if (token.isEmpty()) {
            return Uni.createFrom().failure(new ApiException(401, ErrorCodes.NO_API_KEY, "API key required."));
        }
        String raw = token.get();
        Optional<String> legacy = legacyKey.filter(s -> !s.isBlank());
        if (legacy.isPresent() && constantTimeEquals(legacy.get(), raw)) {
            if (!DEV_ENVIRONMENTS.contains(env)) {
                return Uni.createFrom().failure(new ApiException(401, ErrorCodes.LEGACY_KEY_FORBIDDEN, "Legacy dev key disabled."));
            }
            return audit.recordSeparately("legacy-apikey", "LEGACY_API_KEY_USED", "ApiKey", 0, Map.of("env", env), null, requestId)
                    .replaceWith(AuthenticatedKey.legacy());
        }
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(hasher.digest(raw), requestId)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(unauthorized());
            }
            return Uni.createFrom().item(toKey(rows.iterator().next()));
        });
    }

    /**
     * The presented token: {@code X-API-Key} trimmed when not blank, else the trimmed rest of an
     * {@code Authorization} header whose scheme is {@code Bearer} (case-insensitive); empty otherwise.
     */
    public static Optional<String> extractToken(String xApiKey, String authorization) {
        if (xApiKey != null && !xApiKey.isBlank()) {
            return Optional.of(xApiKey.strip());
        }
        if (authorization != null && authorization.length() > 7 && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String rest = authorization.substring(7).strip();
            return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        }
        return Optional.empty();
    }

    /** Constant-time comparison (over SHA-256 digests, so the length does not leak either). */
    static boolean constantTimeEquals(String expected, String presented) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(presented.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthenticatedKey toKey(Row row) {
        return new AuthenticatedKey(row.getLong("id"), row.getString("prefix"), Scope.fromValue(row.getString("scope")),
                row.getLong("user_id"), row.getString("public_tag"));
    }

    private static ApiException unauthorized() {
        return new ApiException(401, ErrorCodes.UNAUTHORIZED, "Invalid or expired API key");
    }
}
