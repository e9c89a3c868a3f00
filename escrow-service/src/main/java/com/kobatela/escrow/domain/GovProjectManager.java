package com.kobatela.escrow.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A user managing a public project (table {@code gov_project_managers}, UNIQUE (project, user), spec
 * {@code domain.md#6}) [BEYOND SEED SCOPE]. Only managers see and change a project.
 */
@Entity
@Table(name = "gov_project_managers")
public class GovProjectManager extends PanacheEntityBase {

    /** Role given to a project's creator. */
    public static final String CREATOR_ROLE = "project_manager";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "gov_project_id", nullable = false)
    public long govProjectId;

    /** The gateway's user id. */
    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(nullable = false, length = 30)
    public String role;

    @Column(name = "is_primary", nullable = false)
    public boolean primary;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
