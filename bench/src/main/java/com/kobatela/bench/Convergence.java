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
 * databases (one clock: every service runs on this machine): deposit accepted by escrow-service
 * ({@code escrow_deposits.created_at}) → credited in payment-service's ledger ({@code ledger_entries.at}).
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
    private final String user;
    private final String password;

    Convergence(String escrowJdbc, String paymentJdbc, String user, String password) {
        this.escrowJdbc = escrowJdbc;
        this.paymentJdbc = paymentJdbc;
        this.user = user;
        this.password = password;
    }

    /**
     * Deposit → ledger credit for every deposit created since {@code since}; waits up to {@code grace} for
     * stragglers.
     */
    Result depositToLedger(Instant since, Duration grace) throws SQLException, InterruptedException {
        Map<String, Instant> deposits = times(escrowJdbc,
                "select 'deposit:' || id, created_at from escrow_deposits where created_at >= ?", since);
        Instant deadline = Instant.now().plus(grace);
        Map<String, Instant> credits;
        do {
            credits = times(paymentJdbc,
                    "select source_ref, at from ledger_entries where kind = 'CREDIT' and at >= ?", since);
            if (credits.keySet().containsAll(deposits.keySet())) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        Histogram h = new Histogram(1, 600_000_000, 3);
        long missing = 0;
        for (Map.Entry<String, Instant> d : deposits.entrySet()) {
            Instant c = credits.get(d.getKey());
            if (c == null) {
                missing++;
            } else {
                h.recordValue(Math.max(1, Duration.between(d.getValue(), c).toNanos() / 1000));
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
