package com.kobatela.gateway.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.kobatela.gateway.domain.ApiKey;
import com.kobatela.gateway.domain.GeneratedKey;
import com.kobatela.gateway.domain.User;
import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.kernel.security.Scope;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * API key use cases (spec {@code api.md#2.4}-{@code #2.6}, {@code rules.md#api-keys}): create (raw key returned
 * once, only its HMAC digest stored, audit {@code CREATE_API_KEY}), read, revoke (audit {@code REVOKE_API_KEY} or
 * {@code REVOKE_API_KEY_NOOP}), rotate with a grace period (NEW, audit {@code ROTATE_API_KEY}).
 */
@ApplicationScoped
public class ApiKeyService {

    /** Error code of an API key that does not exist. */
    public static final String APIKEY_NOT_FOUND = "APIKEY_NOT_FOUND";
    /** Error code of a rotation of a revoked or expired key. */
    public static final String APIKEY_NOT_ACTIVE = "APIKEY_NOT_ACTIVE";
    /** Error code of a prefix or digest collision that persisted over every attempt. */
    public static final String APIKEY_EXISTS = "APIKEY_EXISTS";
    /** Attempts with fresh random keys before answering {@code APIKEY_EXISTS}. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    @Inject
    Transactions tx;

    @Inject
    AuditWriter audit;

    @Inject
    ApiKeyHasher hasher;

    /**
     * A created key.
     *
     * @param key the stored row
     * @param raw the raw key, to show once
     */
    public record Created(ApiKey key, String raw) {
        @Override
        public String toString() {
            return "Created[id=" + key.id + ", prefix=" + key.prefix + "]";
        }
    }

    /**
     * Creates a key for an API caller; a (rare) prefix collision is retried with a fresh key in a new transaction.
     *
     * @param caller    audit actor and correlation
     * @param name      trimmed, not blank, at most 100 characters
     * @param scope     the key scope
     * @param expiresAt null = never expires
     * @param userId    linked user or null; must exist ({@code 404 USER_NOT_FOUND} "Linked user not found.")
     * @return the created key; {@code 400 APIKEY_EXISTS} after {@value #ATTEMPTS} collisions
     */
    public Uni<Created> create(Caller caller, String name, Scope scope, OffsetDateTime expiresAt, Long userId) {
        return attempt(caller.actor(), caller.auditApiKeyId(), caller.requestId(), name, scope, expiresAt, userId, 1);
    }

    private Uni<Created> attempt(String actor, Long auditKeyId, String requestId, String name, Scope scope,
            OffsetDateTime expiresAt, Long userId, int n) {
        return tx.inTransaction(() -> insert(actor, auditKeyId, requestId, name, scope, expiresAt, userId))
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithUni(e -> {
                    if (n >= ATTEMPTS) {
                        return Uni.createFrom().failure(new ApiException(400, APIKEY_EXISTS, "API key already exists."));
                    }
                    LOG.warnf("API key prefix collision, retrying (attempt %d)", n + 1);
                    return attempt(actor, auditKeyId, requestId, name, scope, expiresAt, userId, n + 1);
                });
    }

    /**
     * Inserts a fresh key in the current transaction (joins it) and audits {@code CREATE_API_KEY}.
     *
     * @param actor      audit actor ({@code apikey:<prefix>}, {@code system:bootstrap-admin})
     * @param auditKeyId audit {@code api_key_id} or null
     * @param requestId  correlation id or null
     */
    public Uni<Created> insert(String actor, Long auditKeyId, String requestId, String name, Scope scope,
            OffsetDateTime expiresAt, Long userId) {
        return tx.inTransaction(() -> linkedUserExists(userId).chain(() -> {
            GeneratedKey generated = GeneratedKey.generate();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            ApiKey k = new ApiKey();
            k.name = name;
            k.prefix = generated.prefix();
            k.keyHash = hasher.digest(generated.raw());
            k.scope = scope.value();
            k.userId = userId;
            k.isActive = true;
            k.createdAt = now;
            k.updatedAt = now;
            k.expiresAt = expiresAt;
            return k.persistAndFlush()
                    .chain(() -> audit.record(actor, "CREATE_API_KEY", "ApiKey", k.id, Map.of("name", name, "scope", scope.value()),
                            auditKeyId, requestId))
                    .replaceWith(new Created(k, generated.raw()));
        }));
    }

    private static Uni<Void> linkedUserExists(Long userId) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return User.<User>findById(userId).chain(u -> u == null
                ? Uni.createFrom().failure(ApiException.notFound(ErrorCodes.USER_NOT_FOUND, "Linked user not found."))
                : Uni.createFrom().voidItem());
    }

    /** Reads a key; {@code 404 APIKEY_NOT_FOUND}. */
    public Uni<ApiKey> read(long id) {
        return Panache.withSession(() -> ApiKey.<ApiKey>findById(id)).onItem().ifNull().failWith(ApiKeyService::notFound);
    }

    /**
     * Revokes a key ({@code is_active=false}) under a row lock, so concurrent revocations audit exactly one
     * {@code REVOKE_API_KEY}; an inactive key is audited {@code REVOKE_API_KEY_NOOP}. The key is refused from the
     * next request on (no cache fronts the lookup).
     *
     * @return nothing; {@code 404 APIKEY_NOT_FOUND}
     */
    public Uni<Void> revoke(Caller caller, long id) {
        return tx.inTransaction(() -> ApiKey.<ApiKey>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(k -> {
            if (k == null) {
                return Uni.createFrom().failure(notFound());
            }
            if (!k.isActive) {
                return audit.record(caller, "REVOKE_API_KEY_NOOP", "ApiKey", k.id, Map.of());
            }
            k.isActive = false;
            k.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return audit.record(caller, "REVOKE_API_KEY", "ApiKey", k.id, Map.of("name", k.name));
        }));
    }

    /**
     * Rotates a key (issue 7, API key lifecycle): a new key with the same name, scope and user, valid
     * {@code validFor} (null = never expires), while the old one keeps working for {@code grace} and is refused
     * after (its {@code expires_at} becomes the earlier of its own and now + grace). Under the old key's row lock, so
     * two concurrent rotations of one key make two new keys but shorten the old one once per call; audit
     * {@code ROTATE_API_KEY} on the old key (data: new key id, grace in seconds) and {@code CREATE_API_KEY} on the new.
     *
     * @return the new key; {@code 404 APIKEY_NOT_FOUND}; {@code 409 APIKEY_NOT_ACTIVE} for a revoked or expired key
     */
    public Uni<Created> rotate(Caller caller, long id, Duration grace, Duration validFor) {
        return tx.inTransaction(() -> ApiKey.<ApiKey>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(old -> {
            if (old == null) {
                return Uni.createFrom().failure(notFound());
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (!old.isActive || (old.expiresAt != null && !old.expiresAt.isAfter(now))) {
                return Uni.createFrom().failure(new ApiException(409, APIKEY_NOT_ACTIVE, "Only an active key can be rotated."));
            }
            OffsetDateTime graceEnd = now.plus(grace);
            if (old.expiresAt == null || old.expiresAt.isAfter(graceEnd)) {
                old.expiresAt = graceEnd;
            }
            old.updatedAt = now;
            OffsetDateTime newExpiry = validFor == null ? null : now.plus(validFor);
            return insert(caller.actor(), caller.auditApiKeyId(), caller.requestId(), old.name, Scope.fromValue(old.scope), newExpiry, old.userId)
                    .call(created -> audit.record(caller, "ROTATE_API_KEY", "ApiKey", old.id,
                            Map.of("new_api_key_id", created.key().id, "grace_seconds", grace.toSeconds())));
        }));
    }

    private static ApiException notFound() {
        return ApiException.notFound(APIKEY_NOT_FOUND, "API key not found.");
    }
}
