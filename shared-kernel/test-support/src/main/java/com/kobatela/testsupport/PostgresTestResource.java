package com.kobatela.testsupport;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for service tests (ARCHITECTURE §9): an embedded PostgreSQL 17 started once per JVM by
 * default, or an existing server when {@code KOBATELA_PG_URL} is set ({@code postgresql://user[:password]@host:port}).
 * Every {@link #start()} creates a fresh, uniquely named database and points the service's
 * {@code kobatela.db.*} properties at it, so each test run starts empty.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres embedded;

    /** Connection facts of the server in use. */
    public record Server(String host, int port, String user, String password) {
        String jdbc(String db) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
    }

    @Override
    public Map<String, String> start() {
        Server server = server();
        String db = "kt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        createDatabase(server, db);
        return Map.of(
                "kobatela.db.host", server.host(),
                "kobatela.db.port", String.valueOf(server.port()),
                "kobatela.db.user", server.user(),
                "kobatela.db.password", server.password(),
                "kobatela.db.name", db);
    }

    @Override
    public void stop() {
        // The embedded server lives for the whole JVM; databases are unique per start.
    }

    /** The server for this JVM: the configured one, or the embedded one (started on first use). */
    public static synchronized Server server() {
        String url = System.getenv("KOBATELA_PG_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.replace("jdbc:", ""));
            String user = "postgres";
            String password = "";
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                user = parts[0];
                password = parts.length > 1 ? parts[1] : "";
            }
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // JVM is exiting
                }
            }));
        }
        return new Server("127.0.0.1", embedded.getPort(), "postgres", "");
    }

    /** Creates {@code db} on the server. */
    public static void createDatabase(Server server, String db) {
        try (Connection c = DriverManager.getConnection(server.jdbc("postgres"), server.user(), server.password());
                Statement st = c.createStatement()) {
            st.execute("create database " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + db, e);
        }
    }
}
