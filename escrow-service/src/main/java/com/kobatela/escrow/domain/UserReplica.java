package com.kobatela.escrow.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.kobatela.kernel.security.Caller;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * Local replica of a gateway user (table {@code user_replicas}), fed by {@code UserRegistered}/{@code UserUpdated}
 * events; answers {@code USER_NOT_FOUND} without a call to the gateway (spec {@code README.md}, judgement call 1).
 */
@Entity
@Table(name = "user_replicas")
public class UserReplica extends PanacheEntityBase {

    /** The gateway's user id (not generated here). */
    @Id
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "is_active", nullable = false)
    public boolean isActive;

    /** {@code private}, {@code GOV} or {@code ONG}. */
    @Column(name = "public_tag")
    public String publicTag;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** True for GOV and ONG users (spec {@code rules.md#public-users}). */
    public static boolean isPublicTag(String tag) {
        return "GOV".equals(tag) || "ONG".equals(tag);
    }

    /**
     * The caller's public tag ({@code private}, {@code GOV}, {@code ONG}): the gateway's claim, else the replica of the
     * caller's user, else null (no user, or a user not replicated yet).
     */
    public static Uni<String> publicTagOf(Caller caller) {
        if (caller.publicTag() != null || caller.userId() == null) {
            return Uni.createFrom().item(caller.publicTag());
        }
        return UserReplica.<UserReplica>findById(caller.userId()).map(u -> u == null ? null : u.publicTag);
    }
}
