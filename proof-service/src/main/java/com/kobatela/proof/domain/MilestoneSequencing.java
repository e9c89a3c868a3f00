package com.kobatela.proof.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.kobatela.kernel.error.ApiException;

/**
 * Which milestone may receive a proof (spec {@code rules.md#milestone-sequencing}): the current milestone is
 * the one with the lowest idx whose status is not PAID (a REJECTED milestone stays current: FIX of the
 * original); a proof for idx i needs i to exist, a current milestone to exist, i to be it, and its status to
 * be WAITING or REJECTED.
 */
public final class MilestoneSequencing {

    /**
     * A milestone as seen by the sequencing rule.
     *
     * @param id     milestone id
     * @param idx    sequence index (≥ 1)
     * @param status milestone status name
     */
    public record Step(long id, int idx, String status) {
    }

    private MilestoneSequencing() {
    }

    /** The milestone with this idx, or 404 {@code MILESTONE_NOT_FOUND}. */
    public static Step find(List<Step> milestones, int idx) {
        return milestones.stream().filter(m -> m.idx() == idx).findFirst()
                .orElseThrow(() -> ApiException.notFound("MILESTONE_NOT_FOUND", "Milestone not found for escrow."));
    }

    /** The current milestone: lowest idx not PAID. */
    public static Optional<Step> current(List<Step> milestones) {
        return milestones.stream().filter(m -> !"PAID".equals(m.status())).min(Comparator.comparingInt(Step::idx));
    }

    /**
     * Checks that a proof may be submitted for idx (steps 3-5; step 1 is {@link #find}).
     *
     * @throws ApiException 409 {@code NO_OPEN_MILESTONE}, 422 {@code SEQUENCE_ERROR}, 409 {@code MILESTONE_NOT_WAITING}
     */
    public static void checkSubmittable(List<Step> milestones, int idx) {
        Step current = current(milestones)
                .orElseThrow(() -> ApiException.conflict("NO_OPEN_MILESTONE", "No open milestone for this escrow."));
        if (current.idx() != idx) {
            throw new ApiException(422, "SEQUENCE_ERROR", "Previous milestone not paid.");
        }
        if (!"WAITING".equals(current.status()) && !"REJECTED".equals(current.status())) {
            throw ApiException.conflict("MILESTONE_NOT_WAITING", "Milestone is not waiting for a proof.");
        }
    }

    /**
     * The milestones of an escrow as the sequencing rule sees them: escrow-service's status, except that this
     * service's own proofs are authoritative for review state (a PENDING proof means PENDING_REVIEW, an APPROVED
     * one APPROVED, only rejected proofs REJECTED) until escrow-service reports PAYING or PAID.
     */
    public static List<Step> steps(List<MilestoneView> views, List<Proof> proofs) {
        Map<Long, Set<String>> statuses = proofs.stream().collect(Collectors.groupingBy(p -> p.milestoneId,
                Collectors.mapping(p -> p.status, Collectors.toSet())));
        return views.stream().map(v -> new Step(v.milestoneId, v.idx,
                effectiveStatus(v.status, statuses.getOrDefault(v.milestoneId, Set.of())))).toList();
    }

    public static String effectiveStatus(String viewStatus, Set<String> proofStatuses) {
        if ("PAID".equals(viewStatus) || "PAYING".equals(viewStatus)) {
            return viewStatus;
        }
        if (proofStatuses.contains(Proof.PENDING)) {
            return "PENDING_REVIEW";
        }
        if (proofStatuses.contains(Proof.APPROVED)) {
            return "APPROVED";
        }
        return proofStatuses.isEmpty() ? viewStatus : "REJECTED";
    }

}
