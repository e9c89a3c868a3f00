package com.kobatela.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;
import com.kobatela.local.e2e.PaymentSandbox;
import com.kobatela.local.e2e.Poll;

/**
 * Family {@code faults}: crashes and outages while money moves, on the stack's own processes.
 * <ul>
 * <li>each step of the payout saga (after the deposit, after the proof, after the payout request, during the PSP call,
 * after the settlement webhook) with the service that handles the next step killed with SIGKILL and restarted: every
 * flow completes, the PSP holds exactly one payout per milestone, no deposit is lost or counted twice;</li>
 * <li>the Kafka broker restarted mid-flow, and PostgreSQL stopped for a few seconds: the services report not ready, come
 * back by themselves, and the outbox delivers what was written meanwhile;</li>
 * <li>PSP outages and hangs: no double payout, a defined payment state, the flow completes once the PSP answers.</li>
 * </ul>
 * After all of them the ledger of every escrow adds up: deposits in escrow-service = credits in payment-service, and
 * deposited − debited − reserved = available with debits = the SENT/SETTLED payments.
 */
@Order(60)
class FaultsTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private final LocalStack.Running stack = RelStack.get();
    private final PaymentSandbox psp = new PaymentSandbox(stack);
    private final Family family = Family.of("faults");
    private final List<Long> escrows = new ArrayList<>();

    /** A sender and its users. */
    private record Partner(E2eHttp api, long client, long provider) {
    }

    @Test
    void moneyFlowsSurviveCrashesAndOutages() throws Exception {
        Partner p = partner();
        crashAfterDeposit(p);
        crashAfterProof(p);
        crashAfterPayoutRequest(p);
        crashDuringPspCall(p);
        crashAfterWebhook(p);
        kafkaRestartMidFlow(p);
        postgresOutage(p);
        pspOutageAndHang(p);
        ledgersAddUp();
        assertEquals(0, family.failures(), family.failureReport());
    }

    private void crashAfterDeposit(Partner p) throws Exception {
        long e = escrow(p, "50.00");
        stack.kill(Service.PAYMENT);
        deposit(p, e, "50.00");
        stack.restart(Service.PAYMENT);
        family.check(awaitBalance(p, e, b -> "50.00".equals(b.path("deposited").asText())), "kill payment-service after a deposit: credited once");
    }

    private void crashAfterProof(Partner p) throws Exception {
        long e = escrow(p, "40.00");
        long m = milestone(e, "40.00");
        deposit(p, e, "40.00");
        awaitBalance(p, e, b -> "40.00".equals(b.path("deposited").asText()));
        stack.kill(Service.ESCROW);
        E2eHttp.Result proof = proof(p, e);
        family.check(proof.status() == 201, "proof accepted while escrow-service is down: " + proof.status() + " " + proof.body());
        stack.restart(Service.ESCROW);
        checkPaidOnce(p, e, m, "kill escrow-service after the proof");
    }

    private void crashAfterPayoutRequest(Partner p) throws Exception {
        long e = escrow(p, "30.00");
        long m = milestone(e, "30.00");
        deposit(p, e, "30.00");
        awaitBalance(p, e, b -> "30.00".equals(b.path("deposited").asText()));
        stack.kill(Service.PAYMENT);
        proof(p, e);
        Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/milestones/" + m).json(), x -> "PAYING".equals(x.path("status").asText()));
        stack.restart(Service.PAYMENT);
        checkPaidOnce(p, e, m, "kill payment-service after the payout request");
    }

    private void crashDuringPspCall(Partner p) throws Exception {
        long e = escrow(p, "20.00");
        long m = milestone(e, "20.00");
        deposit(p, e, "20.00");
        awaitBalance(p, e, b -> "20.00".equals(b.path("deposited").asText()));
        psp.mode("slow", 4000);
        try {
            proof(p, e);
            String key = "pay|escrow:" + e + "|ms:" + m + "|amt:20.00";
            Poll.poll(EVENTUALLY, () -> psp.payoutByKey(key), r -> r.status() == 200);
            stack.kill(Service.PAYMENT);
        } finally {
            psp.mode("ok", 0);
        }
        stack.restart(Service.PAYMENT);
        checkPaidOnce(p, e, m, "kill payment-service while the PSP call is in flight");
    }

    private void crashAfterWebhook(Partner p) throws Exception {
        psp.webhooks(Map.of("outcome", "none"));
        long e;
        long m;
        try {
            e = escrow(p, "10.00");
            m = milestone(e, "10.00");
            deposit(p, e, "10.00");
            awaitBalance(p, e, b -> "10.00".equals(b.path("deposited").asText()));
            proof(p, e);
            JsonNode pay = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 1 && "SENT".equals(l.get(0).path("status").asText())).get(0);
            psp.settle(pay.path("psp_ref").asText());
            stack.kill(Service.ESCROW);
        } finally {
            psp.webhooks(Map.of("outcome", "settled"));
        }
        stack.restart(Service.ESCROW);
        JsonNode settled = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 1 && "SETTLED".equals(l.get(0).path("status").asText()));
        family.check(settled.size() == 1, "kill escrow-service after the settlement webhook: one SETTLED payment");
        List<String> kinds = Poll.poll(EVENTUALLY, () -> kinds(p, e), k -> k.contains("PAYMENT_SETTLED"));
        family.check(kinds.stream().filter("PAYMENT_SETTLED"::equals).count() == 1, "one PAYMENT_SETTLED event: " + kinds);
        checkPaidOnce(p, e, m, "kill escrow-service after the settlement webhook");
    }

    private void kafkaRestartMidFlow(Partner p) throws Exception {
        long e = escrow(p, "15.00");
        stack.stopKafka();
        E2eHttp.Result d = p.api().postJson("/escrows/" + e + "/deposit", Map.of("amount", "15.00"), "Idempotency-Key", "kafka-" + UUID.randomUUID());
        family.check(d.status() == 200, "a deposit while Kafka is down is accepted (outbox): " + d.status() + " " + d.body());
        boolean notReady = Poll.poll(Duration.ofSeconds(60), () -> !stack.isReady(Service.ESCROW), b -> b);
        family.check(notReady, "escrow-service reports not ready while Kafka is down");
        stack.startKafka();
        family.check(Poll.poll(EVENTUALLY, () -> stack.isReady(Service.ESCROW) && stack.isReady(Service.PAYMENT), b -> b),
                "services ready again after Kafka is back");
        family.check(awaitBalance(p, e, b -> "15.00".equals(b.path("deposited").asText())), "the outbox delivered the deposit after the outage");
    }

    private void postgresOutage(Partner p) throws Exception {
        long e = escrow(p, "12.00");
        stack.stopPostgres();
        try {
            boolean notReady = Poll.poll(Duration.ofSeconds(60), () -> !stack.isReady(Service.ESCROW), b -> b);
            family.check(notReady, "escrow-service reports not ready while PostgreSQL is down");
            E2eHttp.Result d = p.api().postJson("/escrows/" + e + "/deposit", Map.of("amount", "12.00"), "Idempotency-Key", "pg-" + UUID.randomUUID());
            family.check(d.status() >= 500 || d.status() == 401, "no success without a database: " + d.status());
            family.check(!d.body().contains("Exception") && !d.body().contains("at com."), "no internals leaked: " + d.body());
        } finally {
            stack.startPostgres();
        }
        family.check(Poll.poll(EVENTUALLY, () -> stack.isReady(Service.ESCROW) && stack.isReady(Service.GATEWAY), b -> b),
                "services ready again after PostgreSQL is back");
        E2eHttp.Result d = Poll.poll(EVENTUALLY, () -> p.api().postJson("/escrows/" + e + "/deposit", Map.of("amount", "12.00"),
                "Idempotency-Key", "pg-after"), r -> r.status() == 200);
        family.check(d.status() == 200, "deposit after the outage");
        family.check(awaitBalance(p, e, b -> "12.00".equals(b.path("deposited").asText())), "ledger credited once after the outage");
    }

    private void pspOutageAndHang(Partner p) throws Exception {
        long e = escrow(p, "25.00");
        long m = milestone(e, "25.00");
        deposit(p, e, "25.00");
        awaitBalance(p, e, b -> "25.00".equals(b.path("deposited").asText()));
        psp.mode("fail", 0);
        try {
            proof(p, e);
            JsonNode pending = Poll.poll(EVENTUALLY, () -> payments(p, e), l -> l.size() == 1);
            family.check("PENDING".equals(pending.get(0).path("status").asText()), "PSP outage leaves the payment PENDING: " + pending);
            // a hanging PSP records the payout but never answers: the call times out, the payment stays PENDING
            psp.mode("hang", 0);
            String key = pending.get(0).path("idempotency_key").asText();
            Poll.poll(EVENTUALLY, () -> psp.payoutByKey(key), r -> r.status() == 200);
            family.check("PENDING".equals(payments(p, e).get(0).path("status").asText()), "a hanging PSP leaves the payment PENDING");
        } finally {
            psp.mode("ok", 0);
        }
        checkPaidOnce(p, e, m, "PSP outage then hang");
    }

    /** The milestone ends PAID with exactly one live payment, and the PSP holds one payout for its key. */
    private void checkPaidOnce(Partner p, long e, long m, String what) {
        JsonNode ms = Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/milestones/" + m).json(), x -> "PAID".equals(x.path("status").asText()));
        family.check("PAID".equals(ms.path("status").asText()), what + ": milestone PAID");
        JsonNode list = payments(p, e);
        long live = 0;
        for (JsonNode pay : list) {
            if (List.of("SENT", "SETTLED", "PENDING").contains(pay.path("status").asText())) {
                live++;
                E2eHttp.Result atPsp = psp.payoutByKey(pay.path("idempotency_key").asText());
                family.check(atPsp.status() == 200, what + ": the PSP knows the payout " + atPsp.body());
            }
        }
        family.check(live == 1, what + ": exactly one live payment " + list);
    }

    /** For every escrow of this family: credited deposits = recorded deposits; deposited − debited − reserved = available. */
    private void ledgersAddUp() throws Exception {
        for (long e : escrows) {
            BigDecimal deposits = sum(Service.ESCROW, "select coalesce(sum(amount), 0) from escrow_deposits where escrow_id = ?", e);
            BigDecimal paid = sum(Service.PAYMENT, "select coalesce(sum(amount), 0) from payments where escrow_id = ? and status in ('SENT','SETTLED')", e);
            JsonNode b = RelStack.admin().get("/escrows/" + e + "/balance").json();
            BigDecimal deposited = new BigDecimal(b.path("deposited").asText());
            BigDecimal debited = new BigDecimal(b.path("debited").asText());
            BigDecimal reserved = new BigDecimal(b.path("reserved").asText("0.00"));
            BigDecimal available = new BigDecimal(b.path("available").asText());
            family.check(deposits.compareTo(deposited) == 0, "escrow " + e + ": deposits " + deposits + " vs credited " + deposited);
            family.check(paid.compareTo(debited) == 0, "escrow " + e + ": paid " + paid + " vs debited " + debited);
            family.check(deposited.subtract(debited).subtract(reserved).compareTo(available) == 0, "escrow " + e + ": balance adds up " + b);
        }
    }

    private static BigDecimal sum(Service service, String sql, long escrow) throws Exception {
        try (Connection c = RelStack.jdbc(service); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, escrow);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private Partner partner() {
        E2eHttp admin = RelStack.admin();
        long client = user(admin, "faults-client");
        long provider = user(admin, "faults-provider");
        String key = Sensitive.add(admin.postJson("/apikeys", Map.of("name", "faults", "scope", "sender", "user_id", client)).json()
                .path("key").asText());
        return new Partner(RelStack.gateway().withApiKey(key), client, provider);
    }

    private static long user(E2eHttp admin, String name) {
        String u = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return admin.postJson("/users", Map.of("username", u, "email", u + "@example.com")).json().path("id").asLong();
    }

    private long escrow(Partner p, String total) {
        E2eHttp.Result r = Poll.poll(EVENTUALLY, () -> p.api().postJson("/escrows", Map.of("client_id", p.client(), "provider_id", p.provider(),
                "amount_total", total, "currency", "USD", "release_conditions", Map.of(), "deadline_at", "2031-01-01T00:00:00Z")),
                x -> x.status() == 201);
        long id = r.json().path("id").asLong();
        escrows.add(id);
        return id;
    }

    private static long milestone(long e, String amount) {
        return RelStack.admin().postJson("/escrows/" + e + "/milestones", Map.of("label", "faults", "amount", amount, "currency", "USD",
                "sequence_index", 1, "proof_kind", "PHOTO")).json().path("id").asLong();
    }

    private static void deposit(Partner p, long e, String amount) {
        Poll.poll(EVENTUALLY, () -> p.api().postJson("/escrows/" + e + "/deposit", Map.of("amount", amount), "Idempotency-Key", "faults-" + e),
                r -> r.status() == 200);
    }

    private static E2eHttp.Result proof(Partner p, long e) {
        Map<String, Object> body = new HashMap<>(Map.of("escrow_id", e, "milestone_idx", 1, "type", "PHOTO", "storage_url",
                "https://example.com/f.jpg", "sha256", UUID.randomUUID().toString(), "metadata",
                Map.of("exif_timestamp", Instant.now().toString(), "source", "app")));
        return Poll.poll(EVENTUALLY, () -> p.api().postJson("/proofs", body), r -> r.status() != 404 && r.status() != 409);
    }

    private static JsonNode payments(Partner p, long e) {
        return p.api().get("/escrows/" + e + "/payments").json();
    }

    private static List<String> kinds(Partner p, long e) {
        List<String> k = new ArrayList<>();
        p.api().get("/escrows/" + e + "/events").json().forEach(x -> k.add(x.path("kind").asText()));
        return k;
    }

    private static boolean awaitBalance(Partner p, long e, Predicate<JsonNode> until) {
        try {
            Poll.poll(EVENTUALLY, () -> p.api().get("/escrows/" + e + "/balance").json(), until);
            return true;
        } catch (AssertionError | RuntimeException ex) {
            return false;
        }
    }
}
