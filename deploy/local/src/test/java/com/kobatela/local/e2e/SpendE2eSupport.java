package com.kobatela.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Helpers of the spend-service end-to-end tests (spec acceptance.md F, G, H): users, keys, catalogue, mandates and
 * purchases through the gateway only, plus read-only access to spend-service's {@code audit_logs} (the gateway's
 * {@code GET /audit-logs} serves only the gateway's own rows for now) and the one database arrangement the
 * acceptance scenarios allow (a mandate whose expiry has passed).
 */
abstract class SpendE2eSupport extends E2eTestBase {

    /** Creates a category; returns its id. */
    static long category(String code) {
        E2eHttp.Result r = admin().postJson("/spend/categories", Map.of("code", code + "-" + suffix(), "label", code));
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    /** Creates a merchant; returns its id. */
    static long merchant(String name, Long categoryId, boolean certified) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name + "-" + suffix());
        body.put("category_id", categoryId);
        body.put("is_certified", certified);
        E2eHttp.Result r = admin().postJson("/spend/merchants", body);
        assertEquals(201, r.status(), r.body());
        return r.json().path("id").asLong();
    }

    /** A mandate body expiring in 7 days. */
    static Map<String, Object> mandateBody(long sender, long beneficiary, String total, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("sender_id", sender);
        body.put("beneficiary_id", beneficiary);
        body.put("total_amount", total);
        body.put("currency", currency);
        body.put("expires_at", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return body;
    }

    /** Creates a mandate with {@code sender}; returns its id. */
    static long mandate(E2eHttp sender, Map<String, Object> body) {
        E2eHttp.Result r = once(sender, "/mandates", body);
        assertEquals(201, r.status(), r.body());
        assertEquals("ACTIVE", r.json().path("status").asText());
        return r.json().path("id").asLong();
    }

    /** A purchase body. */
    static Map<String, Object> purchase(long sender, long beneficiary, long merchant, Object amount, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("sender_id", sender);
        body.put("beneficiary_id", beneficiary);
        body.put("merchant_id", merchant);
        body.put("amount", amount);
        body.put("currency", currency);
        return body;
    }

    /** POST /spend/purchases with a fresh Idempotency-Key. */
    static E2eHttp.Result buy(E2eHttp sender, Map<String, Object> body) {
        return sender.postJson("/spend/purchases", body, "Idempotency-Key", "p-" + UUID.randomUUID());
    }

    /** A short unique suffix. */
    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Counts spend-service audit rows matching {@code where} (SQL over audit_logs, {@code ?} parameters). */
    static long spendAudits(String where, Object... params) {
        return spendCount("select count(*) from audit_logs where " + where, params);
    }

    /** A count query on spend-service's database. */
    static long spendCount(String sql, Object... params) {
        try (Connection c = spendDb(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An update on spend-service's database (only to arrange what the API cannot, as acceptance.md allows). */
    static int spendUpdate(String sql, Object... params) {
        try (Connection c = spendDb(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection spendDb() throws SQLException {
        var pg = stack().postgres();
        return DriverManager.getConnection(pg.jdbcUrl("kobatela_spend"), pg.user(), pg.password());
    }
}
