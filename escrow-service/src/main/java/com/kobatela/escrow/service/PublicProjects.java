package com.kobatela.escrow.service;

import static com.kobatela.escrow.service.EscrowChanges.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.escrow.domain.EscrowAgreement;
import com.kobatela.escrow.domain.EscrowErrors;
import com.kobatela.escrow.domain.GovProject;
import com.kobatela.escrow.domain.GovProjectMandate;
import com.kobatela.escrow.domain.GovProjectManager;
import com.kobatela.escrow.domain.PublicSectorErrors;
import com.kobatela.escrow.domain.UserReplica;
import com.kobatela.kernel.error.ApiException;
import com.kobatela.kernel.money.Amounts;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.persistence.UniqueViolations;
import com.kobatela.kernel.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * KCT public-sector projects (spec {@code api.md#8}, {@code rules.md#kct-public}, {@code #public-users})
 * [BEYOND SEED SCOPE]: only callers whose key is linked to a GOV or ONG user get in; a project is seen and changed only
 * by its managers; attached escrows must share the project's domain and be visible to the caller. Changes are audited
 * ({@code GOV_PROJECT_CREATED}, {@code GOV_PROJECT_MANAGER_ADDED}, {@code GOV_PROJECT_MANDATE_ATTACHED}); races on
 * managers and attachments are settled by UNIQUE constraints. Aggregates are read from committed data.
 */
@ApplicationScoped
public class PublicProjects {

    /** Audit entity of projects. */
    public static final String ENTITY = "GovProject";

    private static final String SELECT = "select p.id, p.label, p.project_type, p.country, p.city, p.domain, p.status, "
            + "coalesce((select sum(e.amount_total) from gov_project_mandates pm join escrow_agreements e on e.id = pm.escrow_id "
            + "where pm.gov_project_id = p.id), 0) as total_amount, "
            + "coalesce((select sum(cast(ev.data_json ->> 'amount' as numeric(18,2))) from gov_project_mandates pm "
            + "join escrow_events ev on ev.escrow_id = pm.escrow_id where pm.gov_project_id = p.id and ev.kind = 'PAYMENT_SETTLED'), 0) "
            + "as released_amount, "
            + "(select max(m.idx) from gov_project_mandates pm join milestones m on m.escrow_id = pm.escrow_id "
            + "where pm.gov_project_id = p.id and m.status in ('PAID', 'PAYING')) as current_milestone from gov_projects p ";

    @Inject
    Transactions transactions;

    @Inject
    EscrowChanges changes;

    @Inject
    Pool pool;

    /**
     * The caller's user, if it is a public user (GOV or ONG).
     *
     * @throws ApiException 403 {@code PUBLIC_USER_NOT_FOUND} (key without user, or user unknown here), 403
     *                      {@code PUBLIC_ACCESS_FORBIDDEN} (private user)
     */
    public Uni<Long> publicUser(Caller caller) {
        if (caller.userId() == null) {
            return Uni.createFrom().failure(PublicSectorErrors.userNotFound());
        }
        Uni<String> tag = caller.publicTag() != null ? Uni.createFrom().item(caller.publicTag())
                : Panache.withSession(() -> UserReplica.<UserReplica>findById(caller.userId())).chain(u -> u == null
                        ? Uni.createFrom().failure(PublicSectorErrors.userNotFound())
                        : Uni.createFrom().item(u.publicTag));
        return tag.chain(t -> UserReplica.isPublicTag(t) ? Uni.createFrom().item(caller.userId())
                : Uni.createFrom().failure(PublicSectorErrors.accessForbidden()));
    }

    /**
     * Creates a project ({@code execution_mode basic}, status {@code active}); the caller becomes its primary
     * {@code project_manager}.
     *
     * @param userId the caller's public user
     * @throws ApiException 422 {@code VALIDATION_ERROR} (field {@code gov_entity_id}) for an unknown gov entity
     */
    public Uni<GovProjectView> create(Caller caller, long userId, NewGovProject r) {
        return transactions.inTransaction(() -> govEntityExists(r.govEntityId()).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().<Long>failure(ApiException.validation("gov_entity_id", "Unknown gov_entity_id."));
            }
            var now = EscrowChanges.now();
            GovProject p = new GovProject();
            p.govEntityId = r.govEntityId();
            p.label = r.label();
            p.projectType = r.projectType();
            p.country = r.country();
            p.city = r.city();
            p.executionMode = "basic";
            p.domain = r.domain();
            p.status = "active";
            p.createdAt = now;
            p.updatedAt = now;
            return p.<GovProject>persistAndFlush()
                    .chain(() -> manager(p.id, userId, GovProjectManager.CREATOR_ROLE, true).persist())
                    .chain(() -> changes.audit(Actor.of(caller), "GOV_PROJECT_CREATED", ENTITY, p.id, data("label", p.label,
                            "project_type", p.projectType, "country", p.country, "domain", p.domain, "manager_user_id", userId)))
                    .map(x -> p.id);
        })).chain(this::view);
    }

    /**
     * Adds a manager to a project the caller manages.
     *
     * @return {@code added}, or {@code exists} when the user already manages it
     * @throws ApiException 404 {@code NOT_FOUND}, 403 {@code FORBIDDEN}, 404 {@code USER_NOT_FOUND} (NEW)
     */
    public Uni<String> addManager(Caller caller, long userId, long projectId, long managerUserId, String role, boolean primary) {
        return transactions.inTransaction(() -> managed(projectId, userId)
                .chain(p -> UserReplica.<UserReplica>findById(managerUserId))
                .chain(u -> {
                    if (u == null) {
                        return Uni.createFrom().<String>failure(EscrowErrors.userNotFound("user_id"));
                    }
                    return GovProjectManager.count("govProjectId = ?1 and userId = ?2", projectId, managerUserId).chain(n -> n > 0
                            ? Uni.createFrom().item("exists")
                            : manager(projectId, managerUserId, role, primary).persistAndFlush()
                                    .chain(() -> changes.audit(Actor.of(caller), "GOV_PROJECT_MANAGER_ADDED", ENTITY, projectId,
                                            data("user_id", managerUserId, "role", role, "is_primary", primary)))
                                    .replaceWith("added"));
                }))
                .onFailure(UniqueViolations::isUniqueViolation).recoverWithItem("exists");
    }

    /**
     * Attaches an escrow (visible to the caller, same domain) to a project the caller manages.
     *
     * @throws ApiException 404 {@code NOT_FOUND} (project or escrow), 403 {@code FORBIDDEN}, 400 {@code DOMAIN_MISMATCH},
     *                      409 {@code ALREADY_ATTACHED}
     */
    public Uni<Void> attach(Caller caller, long userId, long projectId, long escrowId) {
        return transactions.inTransaction(() -> managed(projectId, userId).chain(p -> EscrowAgreement.<EscrowAgreement>findById(escrowId)
                .chain(e -> {
                    if (e == null || !caller.canSee(e.ownerPrincipal)) {
                        return Uni.createFrom().failure(PublicSectorErrors.escrowNotFound());
                    }
                    if (!e.domain.equals(p.domain)) {
                        return Uni.createFrom().failure(PublicSectorErrors.domainMismatch());
                    }
                    return GovProjectMandate.count("govProjectId = ?1 and escrowId = ?2", projectId, escrowId);
                })
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().<Void>failure(PublicSectorErrors.alreadyAttached());
                    }
                    var now = EscrowChanges.now();
                    GovProjectMandate m = new GovProjectMandate();
                    m.govProjectId = projectId;
                    m.escrowId = escrowId;
                    m.createdAt = now;
                    m.updatedAt = now;
                    return m.persistAndFlush().chain(() -> changes.audit(Actor.of(caller), "GOV_PROJECT_MANDATE_ATTACHED", ENTITY, projectId,
                            data("escrow_id", escrowId, "domain", p.domain)));
                })))
                .onFailure(UniqueViolations::isUniqueViolation).transform(e -> PublicSectorErrors.alreadyAttached());
    }

    /**
     * One project the caller manages, with its aggregates.
     *
     * @throws ApiException 404 {@code NOT_FOUND}, 403 {@code FORBIDDEN}
     */
    public Uni<GovProjectView> get(long userId, long projectId) {
        return Panache.withSession(() -> managed(projectId, userId)).chain(p -> view(p.id));
    }

    /**
     * The projects the caller manages (domain public or aid), optionally filtered by exact domain, country and status,
     * oldest first.
     */
    public Uni<List<GovProjectView>> list(long userId, String domain, String country, String status) {
        return pool.preparedQuery(SELECT + "where p.domain in ('public', 'aid') and exists (select 1 from gov_project_managers gm "
                + "where gm.gov_project_id = p.id and gm.user_id = $1) and ($2::text is null or p.domain = $2) "
                + "and ($3::text is null or p.country = $3) and ($4::text is null or p.status = $4) order by p.id")
                .execute(Tuple.tuple(Arrays.asList(userId, domain, country, status)))
                .map(rows -> {
                    List<GovProjectView> out = new ArrayList<>();
                    rows.forEach(row -> out.add(toView(row)));
                    return out;
                });
    }

    private Uni<GovProjectView> view(long projectId) {
        return pool.preparedQuery(SELECT + "where p.id = $1").execute(Tuple.of(projectId)).map(rows -> toView(rows.iterator().next()));
    }

    private static GovProjectView toView(Row row) {
        BigDecimal total = Amounts.normalize(row.getBigDecimal("total_amount"));
        BigDecimal released = Amounts.normalize(row.getBigDecimal("released_amount"));
        return new GovProjectView(row.getLong("id"), row.getString("label"), row.getString("project_type"), row.getString("country"),
                row.getString("city"), row.getString("domain"), row.getString("status"), total, released, total.subtract(released),
                row.getInteger("current_milestone"));
    }

    /** The project, if it exists and {@code userId} manages it. */
    private static Uni<GovProject> managed(long projectId, long userId) {
        return GovProject.<GovProject>findById(projectId).chain(p -> p == null ? Uni.createFrom().failure(PublicSectorErrors.projectNotFound())
                : GovProjectManager.count("govProjectId = ?1 and userId = ?2", projectId, userId).chain(n -> n > 0
                        ? Uni.createFrom().item(p)
                        : Uni.createFrom().failure(PublicSectorErrors.notAManager())));
    }

    private static Uni<Boolean> govEntityExists(Long govEntityId) {
        if (govEntityId == null) {
            return Uni.createFrom().item(true);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from gov_entities where id = :id", Long.class)
                .setParameter("id", govEntityId).getSingleResult()).map(n -> n > 0);
    }

    private static GovProjectManager manager(long projectId, long userId, String role, boolean primary) {
        var now = EscrowChanges.now();
        GovProjectManager m = new GovProjectManager();
        m.govProjectId = projectId;
        m.userId = userId;
        m.role = role;
        m.primary = primary;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }
}
