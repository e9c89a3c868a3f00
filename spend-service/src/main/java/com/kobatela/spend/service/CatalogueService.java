package com.kobatela.spend.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.AllowedUsage;
import com.kobatela.spend.domain.Merchant;
import com.kobatela.spend.domain.SpendCategory;
import com.kobatela.spend.rest.AllowUsageRequest;
import com.kobatela.spend.rest.CategoryCreateRequest;
import com.kobatela.spend.rest.MerchantCreateRequest;
import com.kobatela.spend.rest.MerchantRead;
import com.kobatela.spend.rest.SpendCategoryRead;
import com.kobatela.spend.rest.StatusResult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The spend catalogue: categories, merchants and allowed usages (spec {@code rules.md#catalogue},
 * {@code api.md#4.3-4.5}). Uniqueness is settled by the database (unique indexes); every change is audited with the
 * caller as actor in its transaction.
 */
@ApplicationScoped
public class CatalogueService {

    @Inject
    Transactions transactions;

    @Inject
    AuditWriter audit;

    @Inject
    Users users;

    private final Counter allowDuplicates;

    @Inject
    CatalogueService(MeterRegistry registry) {
        this.allowDuplicates = Counter.builder("spend.allow.duplicates")
                .description("POST /spend/allow answered 'exists' (spec rules.md#catalogue)").register(registry);
    }

    /**
     * {@code POST /spend/categories}.
     *
     * @throws ApiException 400 CATEGORY_EXISTS
     */
    public Uni<SpendCategoryRead> createCategory(Caller caller, CategoryCreateRequest req) {
        return transactions.inTransaction(() -> SpendCategory.count("code", req.code())
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(categoryExists());
                    }
                    SpendCategory c = new SpendCategory();
                    c.code = req.code();
                    c.label = req.label();
                    c.createdAt = now();
                    c.updatedAt = c.createdAt;
                    return c.<SpendCategory>persistAndFlush();
                })
                .call(c -> audit.record(caller, "SPEND_CATEGORY_CREATED", "SpendCategory", c.id,
                        Map.of("code", c.code, "label", c.label))))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> categoryExists())
                .map(SpendCategoryRead::of);
    }

    /**
     * {@code POST /spend/merchants}.
     *
     * @throws ApiException 404 CATEGORY_NOT_FOUND, 400 MERCHANT_EXISTS
     */
    public Uni<MerchantRead> createMerchant(Caller caller, MerchantCreateRequest req) {
        return transactions.inTransaction(() -> requireCategory(req.categoryId())
                .chain(() -> Merchant.count("name", req.name()))
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(merchantExists());
                    }
                    Merchant m = new Merchant();
                    m.name = req.name();
                    m.categoryId = req.categoryId();
                    m.isCertified = Boolean.TRUE.equals(req.isCertified());
                    m.createdAt = now();
                    m.updatedAt = m.createdAt;
                    return m.<Merchant>persistAndFlush();
                })
                .call(m -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("name", m.name);
                    data.put("category_id", m.categoryId);
                    data.put("is_certified", m.isCertified);
                    return audit.record(caller, "SPEND_MERCHANT_CREATED", "Merchant", m.id, data);
                }))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> merchantExists())
                .map(MerchantRead::of);
    }

    /**
     * {@code POST /spend/allow}: adds the rule ({@code added}) or reports it ({@code exists}, audited and counted).
     * Exactly one target is checked by the resource.
     *
     * @throws ApiException 404 USER_NOT_FOUND, MERCHANT_NOT_FOUND, CATEGORY_NOT_FOUND
     */
    public Uni<StatusResult> allow(Caller caller, AllowUsageRequest req) {
        return allowOnce(caller, req)
                // a concurrent identical rule won the unique index: the second attempt answers "exists"
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithUni(e -> allowOnce(caller, req));
    }

    private Uni<StatusResult> allowOnce(Caller caller, AllowUsageRequest req) {
        return transactions.inTransaction(() -> users.require(req.ownerId(), "Owner user does not exist.")
                .chain(() -> req.merchantId() != null
                        ? Merchant.<Merchant>findById(req.merchantId()).chain(m -> m == null
                                ? Uni.createFrom().failure(SpendErrors.merchantNotFound())
                                : Uni.createFrom().voidItem())
                        : requireCategory(req.categoryId()))
                .chain(() -> req.merchantId() != null
                        ? AllowedUsage.<AllowedUsage>find("ownerId = ?1 and merchantId = ?2", req.ownerId(), req.merchantId()).<AllowedUsage>firstResult()
                        : AllowedUsage.<AllowedUsage>find("ownerId = ?1 and categoryId = ?2", req.ownerId(), req.categoryId()).<AllowedUsage>firstResult())
                .chain((AllowedUsage existing) -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("owner_id", req.ownerId());
                    data.put("merchant_id", req.merchantId());
                    data.put("category_id", req.categoryId());
                    if (existing != null) {
                        return audit.record(caller, "SPEND_ALLOW_EXISTS", "AllowedUsage", existing.id, data)
                                .replaceWith(new StatusResult("exists"));
                    }
                    AllowedUsage u = new AllowedUsage();
                    u.ownerId = req.ownerId();
                    u.merchantId = req.merchantId();
                    u.categoryId = req.categoryId();
                    u.createdAt = now();
                    u.updatedAt = u.createdAt;
                    return u.<AllowedUsage>persistAndFlush()
                            .call(saved -> audit.record(caller, "SPEND_ALLOW_CREATED", "AllowedUsage", saved.id, data))
                            .replaceWith(new StatusResult("added"));
                }))
                .invoke(r -> {
                    if ("exists".equals(r.status())) {
                        allowDuplicates.increment();
                    }
                });
    }

    /** Fails with {@code 404 CATEGORY_NOT_FOUND} unless {@code categoryId} is null or exists. */
    Uni<Void> requireCategory(Long categoryId) {
        if (categoryId == null) {
            return Uni.createFrom().voidItem();
        }
        return SpendCategory.count("id", categoryId).chain(n -> n > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(SpendErrors.categoryNotFound()));
    }

    private static ApiException categoryExists() {
        return new ApiException(400, SpendErrors.CATEGORY_EXISTS, "Spend category already exists.", "code", null);
    }

    private static ApiException merchantExists() {
        return new ApiException(400, SpendErrors.MERCHANT_EXISTS, "Merchant already exists.", "name", null);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
