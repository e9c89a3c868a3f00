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
 * An escrow attached to a public project (table {@code gov_project_mandates}, NEW UNIQUE (project, escrow) so an escrow
 * is never counted twice, spec {@code domain.md#6}) [BEYOND SEED SCOPE].
 */
@Entity
@Table(name = "gov_project_mandates")
public class GovProjectMandate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "gov_project_id", nullable = false)
    public long govProjectId;

    @Column(name = "escrow_id", nullable = false)
    public long escrowId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
