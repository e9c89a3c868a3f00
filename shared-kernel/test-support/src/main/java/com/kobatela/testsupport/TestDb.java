package com.kobatela.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC access to the running service's test database (from its {@code kobatela.db.*} configuration), for
 * assertions on rows and for arranging states the API cannot reach.
 */
public final class TestDb {

    private TestDb() {
    }

    /** Runs a query and returns its rows as ordered maps (column label → value). */
    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single long value (e.g. {@code select count(*) ...}). */
    public static long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).values().iterator().next()).longValue();
    }

    /** Runs an update and returns the row count. */
    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        var cfg = ConfigProvider.getConfig();
        String url = "jdbc:postgresql://" + cfg.getValue("kobatela.db.host", String.class) + ":"
                + cfg.getValue("kobatela.db.port", String.class) + "/" + cfg.getValue("kobatela.db.name", String.class);
        return DriverManager.getConnection(url, cfg.getValue("kobatela.db.user", String.class),
                cfg.getOptionalValue("kobatela.db.password", String.class).orElse(""));
    }
}
