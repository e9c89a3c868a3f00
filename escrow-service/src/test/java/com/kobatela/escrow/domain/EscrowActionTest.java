package com.kobatela.escrow.domain;

import static com.kobatela.escrow.domain.EscrowStatus.CANCELLED;
import static com.kobatela.escrow.domain.EscrowStatus.DRAFT;
import static com.kobatela.escrow.domain.EscrowStatus.FUNDED;
import static com.kobatela.escrow.domain.EscrowStatus.REFUNDED;
import static com.kobatela.escrow.domain.EscrowStatus.RELEASABLE;
import static com.kobatela.escrow.domain.EscrowStatus.RELEASED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.escrow.domain.EscrowDecision.Kind;

/** The escrow state machine of spec {@code domain.md#9.1}: every action against every status. */
class EscrowActionTest {

    private static final EscrowDecision UNCHANGED = new EscrowDecision(Kind.UNCHANGED, null);
    private static final EscrowDecision REFUSED = new EscrowDecision(Kind.REFUSED, null);

    private static EscrowDecision to(EscrowStatus s) {
        return new EscrowDecision(Kind.CHANGE, s);
    }

    private static void assertTable(EscrowAction action, Map<EscrowStatus, EscrowDecision> expected) {
        assertEquals(EscrowStatus.values().length, expected.size(), "table must cover every status");
        expected.forEach((from, decision) -> assertEquals(decision, action.decide(from), action + " on " + from));
    }

    private static Map<EscrowStatus, EscrowDecision> table(Object... pairs) {
        Map<EscrowStatus, EscrowDecision> m = new EnumMap<>(EscrowStatus.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((EscrowStatus) pairs[i], (EscrowDecision) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void markDeliveredOnlyFromFundedAndIdempotentOnReleasable() {
        assertTable(EscrowAction.MARK_DELIVERED, table(DRAFT, REFUSED, FUNDED, to(RELEASABLE), RELEASABLE, UNCHANGED,
                RELEASED, REFUSED, REFUNDED, REFUSED, CANCELLED, REFUSED));
    }

    @Test
    void clientApproveFromFundedOrReleasableNeverFromDraft() {
        assertTable(EscrowAction.CLIENT_APPROVE, table(DRAFT, REFUSED, FUNDED, to(RELEASED), RELEASABLE, to(RELEASED),
                RELEASED, UNCHANGED, REFUNDED, REFUSED, CANCELLED, REFUSED));
    }

    @Test
    void clientRejectCancelsDraftRefundsFundedAndNeverRefuses() {
        assertTable(EscrowAction.CLIENT_REJECT, table(DRAFT, to(CANCELLED), FUNDED, to(REFUNDED), RELEASABLE, to(REFUNDED),
                RELEASED, UNCHANGED, REFUNDED, UNCHANGED, CANCELLED, UNCHANGED));
    }

    @Test
    void deadlineReleasesOnlyFundedNotReleasable() {
        assertTable(EscrowAction.DEADLINE, table(DRAFT, UNCHANGED, FUNDED, to(RELEASED), RELEASABLE, UNCHANGED,
                RELEASED, UNCHANGED, REFUNDED, UNCHANGED, CANCELLED, UNCHANGED));
    }

    @Test
    void finalisationNeverOverwritesATerminalStatus() {
        assertTable(EscrowAction.FINALIZE, table(DRAFT, to(RELEASED), FUNDED, to(RELEASED), RELEASABLE, to(RELEASED),
                RELEASED, UNCHANGED, REFUNDED, UNCHANGED, CANCELLED, UNCHANGED));
    }

    @Test
    void approveThenRejectAndRejectThenApproveNeverBothChange() {
        EscrowStatus afterApprove = EscrowAction.CLIENT_APPROVE.decide(FUNDED).target();
        assertEquals(UNCHANGED, EscrowAction.CLIENT_REJECT.decide(afterApprove));
        EscrowStatus afterReject = EscrowAction.CLIENT_REJECT.decide(FUNDED).target();
        assertEquals(REFUSED, EscrowAction.CLIENT_APPROVE.decide(afterReject));
        assertEquals(UNCHANGED, EscrowAction.FINALIZE.decide(afterReject));
    }
}
