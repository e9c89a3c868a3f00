package com.kobatela.escrow.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.kobatela.kernel.event.payload.UserRegistered;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the local user replica (table {@code user_replicas}) in line with the gateway's identity events (spec
 * {@code README.md}, judgement call 1). Must run inside the consumer's transaction.
 */
@ApplicationScoped
public class UserReplicaService {

    /**
     * Inserts or updates a user (idempotent: the same event applied twice leaves one row with the same values).
     *
     * @param user the event payload
     */
    public Uni<Void> upsert(UserRegistered user) {
        if (user.username() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("user event without username"));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into user_replicas (id, username, is_active, public_tag, updated_at) values (:id, :username, :active, :tag, now()) "
                        + "on conflict (id) do update set username = excluded.username, is_active = excluded.is_active, "
                        + "public_tag = excluded.public_tag, updated_at = excluded.updated_at")
                .setParameter("id", user.userId())
                .setParameter("username", user.username())
                .setParameter("active", user.isActive())
                .setParameter("tag", user.publicTag())
                .executeUpdate())
                .replaceWithVoid();
    }
}
