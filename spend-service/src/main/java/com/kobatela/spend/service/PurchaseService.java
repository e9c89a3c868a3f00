package com.kobatela.spend.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.AllowedUsage;
import com.kobatela.spend.domain.Merchant;
import com.kobatela.spend.domain.Purchase;
import com.kobatela.spend.domain.UsageMandate;
import com.kobatela.spend.rest.PurchaseCreateRequest;
import com.kobatela.spend.rest.PurchaseRead;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /spend/purchases} (spec {@code rules.md#purchases}, {@code api.md#4.6}). One transaction, run once per
 * idempotency key ({@link IdempotentRequests}: same key and request replays the first purchase, another request
 * {@code 409 IDEMPOTENCY_KEY_CONFLICT}, a concurrent duplicate the winner's purchase or
 * {@code 409 IDEMPOTENCY_KEY_IN_PROGRESS}). The mandate is consumed by one conditional {@code UPDATE} that succeeds
 * only while {@code total_spent + amount <= total_amount}, so concurrent purchases can never overspend
 * ({@code 409 MANDATE_CONFLICT} for the losers).
 */
@ApplicationScoped
public class PurchaseService {

    static final String OPERATION = "POST /spend/purchases";

    /** Spec {@code rules.md#purchases} step 8; in SET every reference to a column reads the row before the update. */
    private static final String CONSUME = "update usage_mandates set total_spent = total_spent + :amount, "
            + "status = case when total_spent + :amount >= total_amount then 'CONSUMED' else 'ACTIVE' end, updated_at = :now "
            + "where id = :id and status = 'ACTIVE' and expires_at > :now and sender_id = :sender and beneficiary_id = :beneficiary "
            + "and currency = :currency and total_spent + :amount <= total_amount";

    @Inject
    AuditWriter audit;

    @Inject
    IdempotentRequests idempotent;

    /**
     * Records a purchase against the caller's active mandate.
     *
     * @param key the trimmed Idempotency-Key (1..64 chars)
     * @return the new purchase, or the first one for a replay
     * @throws ApiException 409 IDEMPOTENCY_KEY_CONFLICT, 404 MERCHANT_NOT_FOUND, 422 CATEGORY_MISMATCH, 403
     *                      MANDATE_REQUIRED / MANDATE_MERCHANT_FORBIDDEN / MANDATE_CATEGORY_FORBIDDEN /
     *                      UNAUTHORIZED_USAGE, 409 MANDATE_CONFLICT
     */
    public Uni<PurchaseRead> create(Caller caller, String key, PurchaseCreateRequest req) {
        String scope = caller.principal();
        String fingerprint = fingerprint(req);
        return idempotent.once(OPERATION, scope, key,
                () -> findByKey(scope, key).chain(existing -> existing == null ? Uni.createFrom().nullItem() : replay(existing, fingerprint)),
                () -> purchase(caller, scope, key, fingerprint, req))
                .map(PurchaseRead::of);
    }

    private Uni<Purchase> purchase(Caller caller, String scope, String key, String fingerprint, PurchaseCreateRequest req) {
        return Merchant.<Merchant>findById(req.merchantId()).chain(merchant -> {
            if (merchant == null) {
                return Uni.createFrom().failure(SpendErrors.merchantNotFound());
            }
            if (req.categoryId() != null && merchant.categoryId != null && !req.categoryId().equals(merchant.categoryId)) {
                return Uni.createFrom().failure(new ApiException(422, SpendErrors.CATEGORY_MISMATCH,
                        "Category does not match the merchant's category.", "category_id", null));
            }
            Long category = req.categoryId() != null ? req.categoryId() : merchant.categoryId;
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return findActiveMandate(caller, req, now)
                    .chain(mandate -> checkMandate(mandate, merchant, category))
                    .call(mandate -> requireAllowedUsage(req.resolvedBeneficiaryId(), merchant, category))
                    .chain(mandate -> consume(caller, scope, key, fingerprint, req, mandate, category, now));
        });
    }

    /** Step 4: the ACTIVE, unexpired mandate (owned by a sender caller); consumed later by a conditional update. */
    private Uni<UsageMandate> findActiveMandate(Caller caller, PurchaseCreateRequest req, OffsetDateTime now) {
        String query = "senderId = ?1 and beneficiaryId = ?2 and currency = ?3 and status = ?4 and expiresAt > ?5";
        Object[] params = {req.senderId(), req.resolvedBeneficiaryId(), req.currencyOrDefault(), UsageMandate.ACTIVE, now};
        if (caller.restrictedToOwn()) {
            query += " and ownerPrincipal = ?6";
            params = new Object[] {params[0], params[1], params[2], params[3], params[4], caller.principal()};
        }
        return UsageMandate.<UsageMandate>find(query, Sort.by("expiresAt").and("id"), params)
                .<UsageMandate>firstResult()
                .chain(m -> m == null
                        ? Uni.createFrom().failure(SpendErrors.forbidden(SpendErrors.MANDATE_REQUIRED, "No active usage mandate for beneficiary."))
                        : Uni.createFrom().item(m));
    }

    /** Steps 5-6: the mandate's merchant and category restrictions. */
    private static Uni<UsageMandate> checkMandate(UsageMandate m, Merchant merchant, Long category) {
        if (m.allowedMerchantId != null && !m.allowedMerchantId.equals(merchant.id)) {
            return Uni.createFrom().failure(SpendErrors.forbidden(SpendErrors.MANDATE_MERCHANT_FORBIDDEN,
                    "Mandate does not allow this merchant."));
        }
        if (m.allowedCategoryId != null && !Objects.equals(m.allowedCategoryId, category)) {
            return Uni.createFrom().failure(SpendErrors.forbidden(SpendErrors.MANDATE_CATEGORY_FORBIDDEN,
                    "Mandate does not allow this category."));
        }
        return Uni.createFrom().item(m);
    }

    /** Step 7: an AllowedUsage for the beneficiary (merchant, or category when known), or a certified merchant. */
    private static Uni<Void> requireAllowedUsage(long beneficiary, Merchant merchant, Long category) {
        Uni<Long> rules = category == null
                ? AllowedUsage.count("ownerId = ?1 and merchantId = ?2", beneficiary, merchant.id)
                : AllowedUsage.count("ownerId = ?1 and (merchantId = ?2 or categoryId = ?3)", beneficiary, merchant.id, category);
        return rules.chain(n -> n > 0 || merchant.isCertified
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(SpendErrors.forbidden(SpendErrors.UNAUTHORIZED_USAGE, "Sender is not authorized for this purchase.")));
    }

    /**
     * Steps 8-9: consumption by one conditional update (still ACTIVE, unexpired, same parties and currency, room
     * left), which PostgreSQL re-evaluates on the latest row version when purchases race; then the purchase and its
     * audits, in the same transaction.
     */
    private Uni<Purchase> consume(Caller caller, String scope, String key, String fingerprint, PurchaseCreateRequest req,
            UsageMandate m, Long category, OffsetDateTime now) {
        BigDecimal amount = req.amount();
        return Panache.getSession().chain(s -> s.createNativeQuery(CONSUME)
                .setParameter("amount", amount)
                .setParameter("now", now)
                .setParameter("id", m.id)
                .setParameter("sender", req.senderId())
                .setParameter("beneficiary", req.resolvedBeneficiaryId())
                .setParameter("currency", req.currencyOrDefault())
                .executeUpdate()
                .chain(updated -> updated == 1
                        ? s.createNativeQuery("select total_spent, status from usage_mandates where id = :id", Object[].class)
                                .setParameter("id", m.id).getSingleResult()
                        : Uni.createFrom().failure(ApiException.conflict(SpendErrors.MANDATE_CONFLICT,
                                "Mandate limit exceeded or concurrent spend detected."))))
                .chain(after -> {
                    Purchase p = new Purchase();
                    p.senderId = req.resolvedBeneficiaryId();
                    p.merchantId = req.merchantId();
                    p.categoryId = category;
                    p.amount = amount;
                    p.currency = req.currencyOrDefault();
                    p.status = Purchase.COMPLETED;
                    p.idempotencyScope = scope;
                    p.idempotencyKey = key;
                    p.requestFingerprint = fingerprint;
                    p.mandateId = m.id;
                    p.createdAt = now;
                    p.updatedAt = now;
                    return p.<Purchase>persistAndFlush().call(saved -> {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("amount", Amounts.format(amount));
                        data.put("currency", saved.currency);
                        data.put("purchase_id", saved.id);
                        data.put("total_spent", Amounts.format((BigDecimal) after[0]));
                        data.put("total_amount", Amounts.format(m.totalAmount));
                        data.put("status", after[1]);
                        return audit.record(caller, "MANDATE_CONSUMED", "UsageMandate", m.id, data);
                    });
                })
                .call(saved -> audit.record(caller, "CREATE_PURCHASE", "Purchase", saved.id, requestData(req)));
    }

    private static Uni<Purchase> findByKey(String scope, String key) {
        return Purchase.<Purchase>find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key).firstResult();
    }

    private static Uni<Purchase> replay(Purchase existing, String fingerprint) {
        return fingerprint.equals(existing.requestFingerprint)
                ? Uni.createFrom().item(existing)
                : Uni.createFrom().failure(IdempotencyKeys.conflict());
    }

    /** Canonical request: defaults applied, amount normalised. */
    static String fingerprint(PurchaseCreateRequest req) {
        return IdempotencyKeys.fingerprint(OPERATION, req.senderId(), req.resolvedBeneficiaryId(), req.merchantId(),
                Amounts.format(req.amount()), req.currencyOrDefault(), req.categoryId());
    }

    private static Map<String, Object> requestData(PurchaseCreateRequest req) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sender_id", req.senderId());
        data.put("beneficiary_id", req.beneficiaryId());
        data.put("merchant_id", req.merchantId());
        data.put("amount", Amounts.format(req.amount()));
        data.put("currency", req.currencyOrDefault());
        data.put("category_id", req.categoryId());
        data.put("resolved_beneficiary_id", req.resolvedBeneficiaryId());
        return data;
    }
}
