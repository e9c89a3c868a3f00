package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A spend category (table {@code spend_categories}, spec {@code domain.md#3.2}); {@code code} is unique. */
@Entity
@Table(name = "spend_categories")
public class SpendCategory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique code, 1..64 chars. */
    @Column(nullable = false)
    public String code;

    /** Label, 1..255 chars. */
    @Column(nullable = false)
    public String label;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
