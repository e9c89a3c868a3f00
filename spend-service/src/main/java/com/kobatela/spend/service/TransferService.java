package com.kobatela.spend.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.kobatela.kernel.audit.AuditWriter;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.idempotency.IdempotencyKeys;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;
import com.kobatela.spend.domain.Alert;
import com.kobatela.spend.domain.AllowedRecipient;
import com.kobatela.spend.domain.CertifiedAccount;
import com.kobatela.spend.domain.RestrictedTransfer;
import com.kobatela.spend.rest.AllowlistRequest;
import com.kobatela.spend.rest.CertifyRequest;
import com.kobatela.spend.rest.StatusResult;
import com.kobatela.spend.rest.TransactionCreateRequest;
import com.kobatela.spend.rest.TransactionRead;

import io.smallrye.mutiny.Uni;

/**
 * Restricted transfers: allowlist, certification and transactions (spec {@code rules.md#transfers},
 * {@code api.md#5.1-5.4}). A transfer to a receiver neither allowlisted by the sender nor certified stores an
 * {@code UNAUTHORIZED_TRANSFER_ATTEMPT} alert, committed independently, and fails {@code 403}. Transactions are
 * idempotent per (caller principal, key) through {@link IdempotentRequests}, like purchases.
 */
@ApplicationScoped
public class TransferService {

    static final String OPERATION = "POST /transactions";
    private static final String UNAUTHORIZED_MESSAGE = "Receiver is not allowlisted or certified.";

    @Inject
    Transactions transactions;

    @Inject
    AuditWriter audit;

    @Inject
    Users users;

    @Inject
    AlertService alerts;

    @Inject
    IdempotentRequests idempotent;

    /**
     * {@code POST /allowlist}: {@code added} (audit ALLOWLIST_ADD) or {@code exists} (audit ALLOWLIST_EXISTS).
     *
     * @throws ApiException 404 USER_NOT_FOUND
     */
    public Uni<StatusResult> allowlist(Caller caller, AllowlistRequest req) {
        return allowlistOnce(caller, req)
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithUni(e -> allowlistOnce(caller, req));
    }

    private Uni<StatusResult> allowlistOnce(Caller caller, AllowlistRequest req) {
        return transactions.inTransaction(() -> users.require(req.ownerId(), "Owner user does not exist.")
                .chain(() -> users.require(req.recipientId(), "Recipient user does not exist."))
                .chain(() -> AllowedRecipient.<AllowedRecipient>find("ownerId = ?1 and recipientId = ?2", req.ownerId(), req.recipientId())
                        .<AllowedRecipient>firstResult())
                .chain((AllowedRecipient existing) -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("owner_id", req.ownerId());
                    data.put("recipient_id", req.recipientId());
                    data.put("category_id", null);
                    if (existing != null) {
                        return audit.record(caller, "ALLOWLIST_EXISTS", "AllowedRecipient", existing.id, data)
                                .replaceWith(new StatusResult("exists"));
                    }
                    AllowedRecipient r = new AllowedRecipient();
                    r.ownerId = req.ownerId();
                    r.recipientId = req.recipientId();
                    r.createdAt = now();
                    r.updatedAt = r.createdAt;
                    return r.<AllowedRecipient>persistAndFlush()
                            .call(saved -> audit.record(caller, "ALLOWLIST_ADD", "AllowedRecipient", saved.id, data))
                            .replaceWith(new StatusResult("added"));
                }));
    }

    /**
     * {@code POST /certified}: creates ({@code created}) or updates ({@code updated}) the level and
     * {@code certified_at}; audit CERTIFICATION_UPDATE.
     *
     * @throws ApiException 404 USER_NOT_FOUND
     */
    public Uni<StatusResult> certify(Caller caller, CertifyRequest req) {
        return certifyOnce(caller, req)
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithUni(e -> certifyOnce(caller, req));
    }

    private Uni<StatusResult> certifyOnce(Caller caller, CertifyRequest req) {
        String level = req.level().toUpperCase(Locale.ROOT);
        return transactions.inTransaction(() -> users.require(req.userId(), "User does not exist.")
                .chain(() -> CertifiedAccount.<CertifiedAccount>find("userId", req.userId())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<CertifiedAccount>firstResult())
                .chain(existing -> {
                    OffsetDateTime now = now();
                    CertifiedAccount a = existing != null ? existing : new CertifiedAccount();
                    if (existing == null) {
                        a.userId = req.userId();
                        a.createdAt = now;
                    }
                    a.level = level;
                    a.certifiedAt = now;
                    a.updatedAt = now;
                    String status = existing == null ? "created" : "updated";
                    return a.<CertifiedAccount>persistAndFlush()
                            .call(saved -> audit.record(caller, "CERTIFICATION_UPDATE", "CertifiedAccount", saved.id,
                                    Map.of("account_id", req.userId(), "level", level)))
                            .replaceWith(new StatusResult(status));
                }));
    }

    /**
     * {@code POST /transactions}.
     *
     * @param key the trimmed Idempotency-Key
     * @return the new transaction, or the first one for a replay
     * @throws ApiException 409 IDEMPOTENCY_KEY_CONFLICT / IDEMPOTENCY_KEY_IN_PROGRESS, 404 USER_NOT_FOUND, 403
     *                      UNAUTHORIZED_TRANSFER (alert kept)
     */
    public Uni<TransactionRead> create(Caller caller, String key, TransactionCreateRequest req) {
        String scope = caller.principal();
        String fingerprint = IdempotencyKeys.fingerprint(OPERATION, req.senderId(), req.receiverId(), Amounts.format(req.amount()),
                req.currencyOrDefault());
        return idempotent.once(OPERATION, scope, key,
                () -> findByKey(scope, key).chain(existing -> existing == null ? Uni.createFrom().nullItem() : replay(existing, fingerprint)),
                () -> transfer(caller, scope, key, fingerprint, req))
                .onFailure(e -> e instanceof ApiException a && SpendErrors.UNAUTHORIZED_TRANSFER.equals(a.code()))
                .call(e -> {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("sender_id", req.senderId());
                    payload.put("attempted_receiver_id", req.receiverId());
                    payload.put("amount", Amounts.format(req.amount()));
                    return alerts.recordSeparately(Alert.UNAUTHORIZED_TRANSFER_ATTEMPT, UNAUTHORIZED_MESSAGE, req.senderId(), payload);
                })
                .map(TransactionRead::of);
    }

    private Uni<RestrictedTransfer> transfer(Caller caller, String scope, String key, String fingerprint, TransactionCreateRequest req) {
        return users.require(req.senderId(), "Sender user does not exist.")
                .chain(() -> users.require(req.receiverId(), "Receiver user does not exist."))
                .chain(() -> AllowedRecipient.count("ownerId = ?1 and recipientId = ?2", req.senderId(), req.receiverId()))
                .chain(allowed -> allowed > 0 ? Uni.createFrom().item(1L) : CertifiedAccount.count("userId", req.receiverId()))
                .chain(authorised -> {
                    if (authorised == 0) {
                        return Uni.createFrom().failure(SpendErrors.forbidden(SpendErrors.UNAUTHORIZED_TRANSFER, UNAUTHORIZED_MESSAGE));
                    }
                    OffsetDateTime now = now();
                    RestrictedTransfer t = new RestrictedTransfer();
                    t.senderId = req.senderId();
                    t.receiverId = req.receiverId();
                    t.amount = req.amount();
                    t.currency = req.currencyOrDefault();
                    t.status = RestrictedTransfer.COMPLETED;
                    t.idempotencyScope = scope;
                    t.idempotencyKey = key;
                    t.requestFingerprint = fingerprint;
                    t.createdAt = now;
                    t.updatedAt = now;
                    return t.<RestrictedTransfer>persistAndFlush();
                })
                .call(t -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("sender_id", req.senderId());
                    data.put("receiver_id", req.receiverId());
                    data.put("amount", Amounts.format(req.amount()));
                    data.put("currency", req.currencyOrDefault());
                    return audit.record(caller, "CREATE_TRANSACTION", "Transaction", t.id, data);
                });
    }

    /**
     * {@code GET /transactions/{id}}, audited TRANSACTION_READ.
     *
     * @throws ApiException 404 TRANSACTION_NOT_FOUND
     */
    public Uni<TransactionRead> get(Caller caller, long id) {
        return transactions.inTransaction(() -> RestrictedTransfer.<RestrictedTransfer>findById(id)
                .chain(t -> t == null
                        ? Uni.createFrom().<RestrictedTransfer>failure(ApiException.notFound(SpendErrors.TRANSACTION_NOT_FOUND, "Transaction not found."))
                        : audit.record(caller, "TRANSACTION_READ", "Transaction", t.id, Map.of("transaction_id", t.id)).replaceWith(t)))
                .map(TransactionRead::of);
    }

    private static Uni<RestrictedTransfer> findByKey(String scope, String key) {
        return RestrictedTransfer.<RestrictedTransfer>find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key).firstResult();
    }

    private static Uni<RestrictedTransfer> replay(RestrictedTransfer existing, String fingerprint) {
        return fingerprint.equals(existing.requestFingerprint)
                ? Uni.createFrom().item(existing)
                : Uni.createFrom().failure(IdempotencyKeys.conflict());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
