package com.kobatela.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * End-to-end convergence of the asynchronous steps, measured from the services' own commit timestamps in their
 * databases (one clock: every service runs on this machine):
 * <ul>
 * <li>deposit accepted by escrow-service ({@code escrow_deposits.created_at}) → credited in payment-service's ledger
 * ({@code ledger_entries.at});</li>
 * <li>proof accepted by proof-service ({@code proofs.created_at}) → escrow RELEASED in escrow-service (its
 * {@code CLOSED} timeline event);</li>
 * <li>settlement webhook accepted by payment-service ({@code psp_webhook_events.received_at}) → settlement recorded
 * on the escrow's timeline in escrow-service ({@code PAYMENT_SETTLED} event).</li>
 * </ul>
 */
final class Convergence {

    /** Result: latency histogram (µs) of converged items and the count that never converged. */
    record Result(Histogram micros, long missing) {
        Map<String, Object> summary() {
            Map<String, Object> m = Latency.summary(micros);
            m.put("not_converged", missing);
            return m;
        }
    }

    private final String escrowJdbc;
    private final String paymentJdbc;
    private final String proofJdbc;
    private final String user;
    private final String password;

    Convergence(String escrowJdbc, String paymentJdbc, String proofJdbc, String user, String password) {
        this.escrowJdbc = escrowJdbc;
        this.paymentJdbc = paymentJdbc;
        this.proofJdbc = proofJdbc;
        this.user = user;
        this.password = password;
    }

    /** Deposit → ledger credit for every deposit created since {@code since}. */
    Result depositToLedger(Instant since, Duration grace) throws SQLException, InterruptedException {
        return between(escrowJdbc, "select 'deposit:' || id, created_at from escrow_deposits where created_at >= ?",
                paymentJdbc, "select source_ref, at from ledger_entries where kind = 'CREDIT' and at >= ?", since, grace);
    }

    /** Proof accepted → escrow released, per escrow with a proof since {@code since}. */
    Result proofToReleased(Instant since, Duration grace) throws SQLException, InterruptedException {
        return between(proofJdbc, "select escrow_id::text, min(created_at) from proofs where created_at >= ? group by escrow_id",
                escrowJdbc, "select escrow_id::text, min(at) from escrow_events where kind = 'CLOSED' and at >= ? group by escrow_id", since, grace);
    }

    /** Settlement webhook accepted → settlement on the escrow's timeline, per escrow. */
    Result webhookToSettled(Instant since, Duration grace) throws SQLException, InterruptedException {
        return between(paymentJdbc, "select p.escrow_id::text, min(w.received_at) from psp_webhook_events w join payments p on p.psp_ref = w.psp_ref "
                + "where w.received_at >= ? and w.kind = 'payment.settled' group by p.escrow_id",
                escrowJdbc, "select escrow_id::text, min(at) from escrow_events where kind = 'PAYMENT_SETTLED' and at >= ? group by escrow_id",
                since, grace);
    }

    /** Latency from the first query's time to the second's, per id; waits up to {@code grace} for stragglers. */
    private Result between(String fromJdbc, String fromSql, String toJdbc, String toSql, Instant since, Duration grace)
            throws SQLException, InterruptedException {
        Map<String, Instant> from = times(fromJdbc, fromSql, since);
        Instant deadline = Instant.now().plus(grace);
        Map<String, Instant> to;
        do {
            to = times(toJdbc, toSql, since);
            if (to.keySet().containsAll(from.keySet())) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        Histogram h = new Histogram(1, 600_000_000, 3);
        long missing = 0;
        for (Map.Entry<String, Instant> f : from.entrySet()) {
            Instant t = to.get(f.getKey());
            if (t == null) {
                missing++;
            } else {
                h.recordValue(Math.max(1, Duration.between(f.getValue(), t).toNanos() / 1000));
            }
        }
        return new Result(h, missing);
    }

    private Map<String, Instant> times(String jdbc, String sql, Instant since) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, user, password); PreparedStatement st = c.prepareStatement(sql)) {
            st.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }
}
