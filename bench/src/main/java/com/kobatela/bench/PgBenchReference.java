package com.kobatela.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own limit on this machine: {@code pgbench} on the stack's PostgreSQL with a transaction shaped
 * like a deposit (lock the escrow row, insert the deposit, sum the deposits, update the escrow, insert the
 * timeline event, the audit row and the outbox row, commit), in a scratch database {@code kobatela_bench}.
 * Skipped (empty result) when no {@code pgbench} binary is found.
 */
final class PgBenchReference {

    static final String DATABASE = "kobatela_bench";
    private static final int ESCROWS = 10_000;

    private static final String SCRIPT = """
            \\set eid random(1, %d)
            BEGIN;
            SELECT status FROM bench_escrow WHERE id = :eid FOR UPDATE;
            INSERT INTO bench_deposit (escrow_id, amount, idempotency_key, created_at) VALUES (:eid, 100.00, md5(random()::text), now());
            SELECT coalesce(sum(amount), 0) FROM bench_deposit WHERE escrow_id = :eid;
            UPDATE bench_escrow SET status = 'FUNDED', updated_at = now() WHERE id = :eid;
            INSERT INTO bench_event (escrow_id, kind, data_json, at) VALUES (:eid, 'DEPOSIT', '{"amount":"100.00"}', now());
            INSERT INTO bench_audit (actor, action, entity_id, data_json, at) VALUES ('apikey:koba_bench', 'ESCROW_DEPOSITED', :eid, '{"amount":"100.00"}', now());
            INSERT INTO bench_outbox (topic, message_key, type, payload, created_at) VALUES ('kobatela.escrow.v1', :eid, 'escrow.deposited.v1', '{"escrow_id":1}', now());
            COMMIT;
            """.formatted(ESCROWS);

    private static final String SCHEMA = """
            DROP TABLE IF EXISTS bench_escrow, bench_deposit, bench_event, bench_audit, bench_outbox;
            CREATE TABLE bench_escrow (id bigint PRIMARY KEY, amount_total numeric(18,2) NOT NULL, status varchar(20) NOT NULL, updated_at timestamptz);
            CREATE TABLE bench_deposit (id bigserial PRIMARY KEY, escrow_id bigint NOT NULL REFERENCES bench_escrow(id), amount numeric(18,2) NOT NULL,
                idempotency_key varchar(64) NOT NULL UNIQUE, created_at timestamptz NOT NULL);
            CREATE INDEX ON bench_deposit (escrow_id);
            CREATE TABLE bench_event (id bigserial PRIMARY KEY, escrow_id bigint NOT NULL, kind varchar(50) NOT NULL, data_json jsonb NOT NULL, at timestamptz NOT NULL);
            CREATE TABLE bench_audit (id bigserial PRIMARY KEY, actor varchar(100) NOT NULL, action varchar(100) NOT NULL, entity_id bigint NOT NULL,
                data_json jsonb NOT NULL, at timestamptz NOT NULL);
            CREATE TABLE bench_outbox (id bigserial PRIMARY KEY, topic varchar(100) NOT NULL, message_key varchar(100) NOT NULL, type varchar(100) NOT NULL,
                payload jsonb NOT NULL, created_at timestamptz NOT NULL, published_at timestamptz);
            INSERT INTO bench_escrow SELECT g, 100.00, 'DRAFT', now() FROM generate_series(1, %d) g;
            """.formatted(ESCROWS);

    private PgBenchReference() {
    }

    /** The {@code pgbench} binary: on the PATH, else under {@code /usr/lib/postgresql/<v>/bin}. */
    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the deposit-shaped transaction with {@code clients} connections for {@code duration}.
     *
     * @param jdbcUrl  JDBC URL of the scratch database (created beforehand)
     * @return transactions per second, or empty when pgbench is missing or fails
     */
    static Optional<Double> run(Path pgbench, String host, int port, String user, String password, String jdbcUrl, int clients,
            Duration duration, Path workDir) throws IOException, InterruptedException, SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            st.execute(SCHEMA);
        }
        Files.createDirectories(workDir);
        Path script = workDir.resolve("deposit.pgbench.sql");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(pgbench.toString(), "-n", "-c", String.valueOf(clients), "-j",
                String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
                String.valueOf(Math.max(1, duration.toSeconds())), "-f", script.toString(), "-h", host, "-p", String.valueOf(port),
                "-U", user, DATABASE));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (password != null && !password.isEmpty()) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("[bench] pgbench failed: " + out);
            return Optional.empty();
        }
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }
}
