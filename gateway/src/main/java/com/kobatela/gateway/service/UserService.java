package com.kobatela.gateway.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.gateway.domain.User;
import com.kobatela.gateway.event.IdentityEvents;
import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.error.ErrorCodes;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * User use cases (spec {@code api.md#2.1}, {@code #2.2}): create (audit {@code CREATE_USER}, event
 * {@code UserRegistered}, both in the insert's transaction) and read (audit {@code READ_USER}, committed).
 */
@ApplicationScoped
public class UserService {

    /** Error code of a duplicate username or e-mail. */
    public static final String USER_CREATE_FAILED = "USER_CREATE_FAILED";

    @Inject
    Transactions tx;

    @Inject
    AuditWriter audit;

    @Inject
    IdentityEvents events;

    /**
     * Creates a user.
     *
     * @param caller    the authenticated caller (audit actor, event actor and correlation)
     * @param username  1..100 characters (validated by the resource)
     * @param email     a valid e-mail (validated by the resource)
     * @param isActive  active flag
     * @param publicTag {@code private}, {@code GOV} or {@code ONG}
     * @return the stored user; fails with {@code 400 USER_CREATE_FAILED} when the username or e-mail exists
     *         (settled by the UNIQUE constraints, so concurrent duplicates create exactly one user)
     */
    public Uni<User> create(Caller caller, String username, String email, boolean isActive, String publicTag) {
        return tx.inTransaction(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            User u = new User();
            u.username = username;
            u.email = email;
            u.isActive = isActive;
            u.publicTag = publicTag;
            u.createdAt = now;
            u.updatedAt = now;
            return u.persistAndFlush()
                    .chain(() -> audit.record(caller, "CREATE_USER", "User", u.id, Map.of("username", username, "email", email)))
                    .chain(() -> events.userRegistered(u, caller))
                    .replaceWith(u);
        }).onFailure(UniqueViolations::isUniqueViolation)
                .transform(e -> new ApiException(400, USER_CREATE_FAILED, "Could not create user."));
    }

    /**
     * Reads a user and records {@code READ_USER} ({@code reason=api_read}) in the same committed transaction.
     *
     * @return the user; fails with {@code 404 USER_NOT_FOUND}
     */
    public Uni<User> read(Caller caller, long id) {
        return tx.inTransaction(() -> User.<User>findById(id).chain(u -> {
            if (u == null) {
                return Uni.createFrom().failure(ApiException.notFound(ErrorCodes.USER_NOT_FOUND, "User not found."));
            }
            return audit.record(caller, "READ_USER", "User", u.id, Map.of("reason", "api_read")).replaceWith(u);
        }));
    }
}
