package com.kobatela.spend.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.kobatela.kernel.event.payload.UserRegistered;
import com.kobatela.spend.domain.UserReplica;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The local user replica (table {@code user_replicas}): kept in line with the gateway's identity events and used
 * to answer {@code 404 USER_NOT_FOUND} (spec {@code api.md#4.1}, {@code #4.5}, {@code #5.1-5.3}).
 */
@ApplicationScoped
public class Users {

    /**
     * Inserts or updates a user; idempotent (the same event applied twice leaves one row with the same values).
     * Must run inside the consumer's transaction.
     *
     * @throws IllegalArgumentException (poison event, no retry) when the payload has no username
     */
    public Uni<Void> upsert(UserRegistered user) {
        if (user.username() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("user event without username"));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into user_replicas (id, username, is_active, public_tag, updated_at) values (:id, :username, :active, :tag, :now) "
                        + "on conflict (id) do update set username = excluded.username, is_active = excluded.is_active, "
                        + "public_tag = excluded.public_tag, updated_at = excluded.updated_at")
                .setParameter("id", user.userId())
                .setParameter("username", user.username())
                .setParameter("active", user.isActive())
                .setParameter("tag", user.publicTag())
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Fails unless the user exists in the replica.
     *
     * @param userId  the user id
     * @param message the spec's message, e.g. {@code Sender user does not exist.}
     * @throws com.kobatela.kernel.error.ApiException 404 USER_NOT_FOUND
     */
    public Uni<Void> require(long userId, String message) {
        return UserReplica.count("id", userId).chain(n -> n > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(SpendErrors.userNotFound(message)));
    }
}
