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
 * A public-sector project grouping public/aid escrows (table {@code gov_projects}, spec {@code domain.md#6})
 * [BEYOND SEED SCOPE].
 */
@Entity
@Table(name = "gov_projects")
public class GovProject extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "gov_entity_id")
    public Long govEntityId;

    @Column(nullable = false)
    public String label;

    @Column(name = "project_type", nullable = false)
    public String projectType;

    /** Two-letter country code, upper-case. */
    @Column(nullable = false, length = 2)
    public String country;

    public String city;

    /** Always {@code basic} (ORIGINAL). */
    @Column(name = "execution_mode", nullable = false)
    public String executionMode;

    /** {@code public} or {@code aid}. */
    @Column(nullable = false)
    public String domain;

    /** {@code active}. */
    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
