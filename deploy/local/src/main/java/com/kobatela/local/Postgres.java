package com.kobatela.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PostgreSQL server of the local stack: an embedded one (zonky, data directory kept between runs
 * unless fresh data is asked for) or an existing server given by a URL such as
 * {@code postgresql://postgres:secret@127.0.0.1:5432}.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Postgres.class.getName());

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts an embedded server.
     *
     * @param dataDir data directory (created by initdb when it holds no cluster yet)
     * @param port    TCP port on 127.0.0.1
     * @param logFile server output
     */
    public static Postgres startEmbedded(Path dataDir, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new Postgres(pg, "127.0.0.1", pg.getPort(), "postgres", "");
    }

    /**
     * Uses an existing server.
     *
     * @param url {@code postgresql://[user[:password]@]host[:port]}; user defaults to {@code postgres},
     *            password to env {@code KOBATELA_PG_PASSWORD} or empty, port to 5432
     */
    public static Postgres external(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("KOBATELA_PG_URL must look like postgresql://[user[:password]@]host[:port], got " + url);
        }
        String user = "postgres";
        String password = System.getenv().getOrDefault("KOBATELA_PG_PASSWORD", "");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (parts.length == 2) {
                password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return new Postgres(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password);
    }

    /** Host the services connect to. */
    public String host() {
        return host;
    }

    /** Port the services connect to. */
    public int port() {
        return port;
    }

    /** Database user. */
    public String user() {
        return user;
    }

    /** Database password (empty for the embedded server, which trusts local connections). */
    public String password() {
        return password;
    }

    /** Whether this is the embedded server started by the launcher. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Creates the databases that are missing; with {@code fresh}, drops and re-creates them first.
     *
     * @return the databases created by this call
     */
    public List<String> ensureDatabases(Collection<String> names, boolean fresh) throws SQLException {
        List<String> created = new ArrayList<>();
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), props);
                Statement st = c.createStatement();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name " + name);
                }
                if (fresh) {
                    if (!isEmbedded()) {
                        LOG.warning("fresh data: dropping database " + name + " on " + host + ":" + port);
                    }
                    st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
                exists.setString(1, name);
                boolean present;
                try (ResultSet rs = exists.executeQuery()) {
                    present = rs.next();
                }
                if (!present) {
                    st.execute("CREATE DATABASE " + name);
                    created.add(name);
                }
            }
        }
        return created;
    }

    /** Stops the embedded server; nothing for an external one. */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "stopping PostgreSQL failed", e);
            }
        }
    }
}
