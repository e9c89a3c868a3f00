package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Local replica of a gateway user (table {@code user_replicas}), fed by {@code UserRegistered}/{@code UserUpdated}
 * events; answers {@code 404 USER_NOT_FOUND} without a call to the gateway (spec {@code README.md}, judgement
 * call 1). Eventually consistent with the gateway.
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

    /** Last change, UTC. */
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
