package com.kobatela.spend.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A rule letting a beneficiary spend at a merchant or in a category (table {@code allowed_usages}, spec
 * {@code domain.md#3.4}); exactly one of {@code merchantId} / {@code categoryId} is set (database CHECK).
 */
@Entity
@Table(name = "allowed_usages")
public class AllowedUsage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The beneficiary (user id) who may spend. */
    @Column(name = "owner_id", nullable = false)
    public long ownerId;

    @Column(name = "merchant_id")
    public Long merchantId;

    @Column(name = "category_id")
    public Long categoryId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
