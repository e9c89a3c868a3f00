package com.kobatela.spend.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.Merchant;
import com.kobatela.spend.domain.UsageMandate;
import com.kobatela.spend.rest.MandateCreateRequest;
import com.kobatela.spend.rest.UsageMandateRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Usage mandates: creation, read and expiry (spec {@code rules.md#mandates}, {@code #jobs}, {@code api.md#4.1},
 * {@code #4.2}, {@code #9}). One ACTIVE mandate per (sender, beneficiary, currency) is enforced by a partial unique
 * index; expiry is a conditional update per mandate, so a second run (job and endpoint, or two replicas) expires
 * nothing more and writes no second audit.
 */
@ApplicationScoped
public class MandateService {

    /** Actor of the scheduled expiry (spec {@code rules.md#audit}). */
    public static final String JOB_ACTOR = "system:expire-mandates";

    @Inject
    Transactions transactions;

    @Inject
    AuditWriter audit;

    @Inject
    Users users;

    @Inject
    CatalogueService catalogue;

    /**
     * {@code POST /mandates}. Checks, in order: sender, beneficiary, merchant, category, expiry, duplicate.
     *
     * @throws ApiException 404 USER_NOT_FOUND / MERCHANT_NOT_FOUND / CATEGORY_NOT_FOUND, 400 MANDATE_EXPIRES_IN_PAST,
     *                      409 ACTIVE_MANDATE_EXISTS
     */
    public Uni<UsageMandateRead> create(Caller caller, MandateCreateRequest req) {
        String currency = req.currencyOrDefault();
        return transactions.inTransaction(() -> users.require(req.senderId(), "Sender user does not exist.")
                .chain(() -> users.require(req.beneficiaryId(), "Beneficiary user does not exist."))
                .chain(() -> req.allowedMerchantId() == null ? Uni.createFrom().voidItem()
                        : Merchant.count("id", req.allowedMerchantId()).chain(n -> n > 0 ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(SpendErrors.merchantNotFound())))
                .chain(() -> catalogue.requireCategory(req.allowedCategoryId()))
                .chain(() -> {
                    OffsetDateTime now = now();
                    if (!req.expiresAt().isAfter(now)) {
                        return Uni.createFrom().failure(new ApiException(400, SpendErrors.MANDATE_EXPIRES_IN_PAST,
                                "Mandate expiration must be in the future.", "expires_at", null));
                    }
                    return UsageMandate.count("senderId = ?1 and beneficiaryId = ?2 and currency = ?3 and status = ?4",
                            req.senderId(), req.beneficiaryId(), currency, UsageMandate.ACTIVE);
                })
                .chain(active -> {
                    if (active > 0) {
                        return Uni.createFrom().failure(activeExists());
                    }
                    UsageMandate m = new UsageMandate();
                    m.senderId = req.senderId();
                    m.beneficiaryId = req.beneficiaryId();
                    m.totalAmount = req.totalAmount();
                    m.currency = currency;
                    m.allowedCategoryId = req.allowedCategoryId();
                    m.allowedMerchantId = req.allowedMerchantId();
                    m.expiresAt = req.expiresAt();
                    m.status = UsageMandate.ACTIVE;
                    m.totalSpent = Amounts.normalize(java.math.BigDecimal.ZERO);
                    m.ownerPrincipal = caller.principal();
                    m.ownerUserId = caller.userId();
                    m.createdByApiKeyId = caller.auditApiKeyId();
                    m.createdAt = now();
                    m.updatedAt = m.createdAt;
                    return m.<UsageMandate>persistAndFlush();
                })
                .call(m -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("sender_id", m.senderId);
                    data.put("beneficiary_id", m.beneficiaryId);
                    data.put("currency", m.currency);
                    data.put("total_amount", Amounts.format(m.totalAmount));
                    data.put("expires_at", m.expiresAt.toString());
                    return audit.record(caller, "MANDATE_CREATED", "UsageMandate", m.id, data);
                }))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> activeExists())
                .map(UsageMandateRead::of);
    }

    /**
     * {@code GET /mandates/{id}}; a sender sees only the mandates its principal created.
     *
     * @throws ApiException 404 MANDATE_NOT_FOUND (unknown or foreign)
     */
    public Uni<UsageMandateRead> get(Caller caller, long id) {
        return Panache.withSession(() -> UsageMandate.<UsageMandate>findById(id))
                .map(m -> {
                    if (m == null || !caller.canSee(m.ownerPrincipal)) {
                        throw ApiException.notFound(SpendErrors.MANDATE_NOT_FOUND, "Mandate not found.");
                    }
                    return UsageMandateRead.of(m);
                });
    }

    /**
     * {@code POST /mandates/cleanup}: expires every ACTIVE mandate with {@code expires_at <= now} (all owners),
     * audited {@code MANDATE_EXPIRED} with the caller as actor.
     *
     * @return the number of mandates this call expired
     */
    public Uni<Integer> cleanup(Caller caller) {
        return transactions.inTransaction(() -> expireDue(caller.actor(), caller.auditApiKeyId(), caller.requestId()));
    }

    /**
     * The {@code expire-mandates} job's run ({@link ExpireMandatesJob}, one replica at a time through the scheduler
     * lease): same as {@link #cleanup} with actor {@code system:expire-mandates}. Each mandate is expired by a
     * conditional update, so overlapping runs expire (and audit) each mandate once.
     *
     * @return the number of mandates this run expired
     */
    public Uni<Integer> expireAsJob() {
        return transactions.inTransaction(() -> expireDue(JOB_ACTOR, null, null));
    }

    private Uni<Integer> expireDue(String actor, Long apiKeyId, String requestId) {
        OffsetDateTime now = now();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                        "select id from usage_mandates where status = 'ACTIVE' and expires_at <= :now order by id", Long.class)
                        .setParameter("now", now).getResultList())
                .chain((List<Long> ids) -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> expireOne(id, now, actor, apiKeyId, requestId))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    /** Conditional update of one mandate; audits only when this call changed it. */
    private Uni<Integer> expireOne(long id, OffsetDateTime now, String actor, Long apiKeyId, String requestId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("update usage_mandates set status = 'EXPIRED', updated_at = :now "
                        + "where id = :id and status = 'ACTIVE' and expires_at <= :now")
                        .setParameter("now", now).setParameter("id", id).executeUpdate())
                .call(n -> n == 1
                        ? audit.record(actor, "MANDATE_EXPIRED", "UsageMandate", id, Map.of("expired_at", now.toString()),
                                apiKeyId, requestId)
                        : Uni.createFrom().voidItem());
    }

    private static ApiException activeExists() {
        return ApiException.conflict(SpendErrors.ACTIVE_MANDATE_EXISTS,
                "An active mandate already exists for this sender, beneficiary and currency.");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
