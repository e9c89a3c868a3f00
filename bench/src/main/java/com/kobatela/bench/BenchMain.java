package com.kobatela.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;

/**
 * One command, the whole benchmark (issue 9): starts the local stack with fresh data (or targets a running
 * gateway), provisions users and keys through the gateway, runs every flow at fixed concurrency levels and as an
 * open arrival rate, measures the two references (the same calls straight to the owning service; pgbench with a
 * deposit-shaped transaction), and prints and writes {@code bench/target/bench-report.json} plus Gatling's HTML
 * reports under {@code bench/target/gatling/}.
 *
 * <pre>
 * bench/run.sh                 # full run (several minutes)
 * bench/run.sh --smoke         # a few seconds per step (what CI runs)
 * bench/run.sh --flows=escrow-deposit --levels=1,16 --duration=10s
 * bench/run.sh --gateway=http://host:8080 --admin-key=koba_... [--webhook-secret=...]   # an existing stack (no CPU/RSS/convergence)
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the benchmark; exit status 1 when a run had errors. */
    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.parse(args, Path.of(System.getProperty("kobatela.repo.root", ".")).toAbsolutePath().normalize());
        BenchReport report = run(config);
        System.exit(report.errors() == 0 ? 0 : 1);
    }

    /** Runs the benchmark described by {@code config} and returns its report (also printed and written). */
    public static BenchReport run(BenchConfig config) throws Exception {
        BenchReport report = new BenchReport(config);
        if (config.gatewayUrl() != null) {
            runAgainst(config, report, null);
        } else {
            LocalStack.Options o = LocalStack.Options.defaults().withWorkDir(config.workDir().resolve("stack")).withFreePorts()
                    .withFreshData(true).withKafkaClasspath(config.repoRoot().resolve("deploy/local/target/lib") + "/*");
            Instant t0 = Instant.now();
            try (LocalStack.Running stack = new LocalStack(o).start()) {
                report.stackStarted(Duration.between(t0, Instant.now()), stack.timings());
                runAgainst(config, report, stack);
            }
        }
        report.print();
        report.write(config.workDir().resolve("bench-report.json"));
        return report;
    }

    private static void runAgainst(BenchConfig config, BenchReport report, LocalStack.Running stack) throws Exception {
        String gateway = stack != null ? stack.gatewayUrl() : config.gatewayUrl();
        String adminKey = stack != null ? stack.adminKey() : config.adminKey();
        GatewayClient client = new GatewayClient(gateway);
        Fixtures fixtures = Fixtures.provision(client, adminKey, config.senders(), config.workDir().resolve("fixtures"));
        String webhookSecret = stack == null ? config.webhookSecret()
                : java.nio.file.Files.readString(stack.options().keysDir().resolve("psp-webhook-secret")).strip();
        long merchant = Fixtures.certifiedMerchant(client, fixtures.supportKey);
        Fixtures.awaitSpendKnows(client, fixtures.senders.get(fixtures.senders.size() - 1), merchant);
        BenchContext.set(fixtures.adminKey, webhookSecret, merchant);
        if (stack != null) {
            // the saga posts the PSP's settlement webhook itself (measured); the sandbox must not send its own
            new GatewayClient(stack.serviceUrl(Service.PSP_SANDBOX)).post("/sandbox/webhooks", null, Map.of("outcome", "none"), Map.of());
        }
        ProcessProbe probe = stack == null ? null : new ProcessProbe(pids(stack));
        Convergence convergence = stack == null ? null : convergence(stack);
        if (stack != null) {
            System.setProperty(DirectTokens.KEY_PROPERTY, stack.options().keysDir().resolve("jwt-private.pem").toString());
            report.rssBefore(probe.read());
        }
        for (Flow flow : config.flows()) {
            warmUp(config, flow, gateway, fixtures);
            double best = 0;
            for (int level : config.levels()) {
                best = Math.max(best, measure(config, report, probe, convergence, flow, gateway, fixtures,
                        new BenchParams(gateway, fixtures.csv.toString(), level, 0, config.duration(), false)));
            }
            double rate = config.openRate() > 0 ? config.openRate() : Math.max(1, Math.floor(best * 0.7));
            measure(config, report, probe, convergence, flow, gateway, fixtures,
                    new BenchParams(gateway, fixtures.csv.toString(), 0, rate, config.duration(), false));
            if (stack != null && flow.directService != null) {
                String direct = stack.serviceUrl(Service.valueOf(flow.directService.replace("-service", "").toUpperCase()));
                for (int level : config.directLevels()) {
                    measure(config, report, probe, convergence, flow, direct, fixtures,
                            new BenchParams(direct, fixtures.csv.toString(), level, 0, config.duration(), true));
                }
            }
        }
        if (stack != null) {
            report.rssAfter(probe.read());
            pgbench(config, report, stack);
        }
    }

    /**
     * Runs {@code flow} unrecorded at concurrency 8 for {@link BenchConfig#warmUp()}, so the first measured level sees
     * JIT-compiled services and filled connection pools, not the JVMs' start-up (skipped when the warm-up is zero).
     */
    private static void warmUp(BenchConfig config, Flow flow, String gateway, Fixtures fixtures) throws Exception {
        if (config.warmUp().isZero()) {
            return;
        }
        Recorder.reset();
        GatlingRun.run(flow.simulation, new BenchParams(gateway, fixtures.csv.toString(), 8, 0, config.warmUp(), false),
                config.workDir().resolve("gatling-warmup"), flow.id + " warm-up");
        Recorder.reset();
    }

    /** One load run; returns the flows per second reached. */
    private static double measure(BenchConfig config, BenchReport report, ProcessProbe probe, Convergence convergence, Flow flow,
            String baseUrl, Fixtures fixtures, BenchParams params) throws Exception {
        Recorder.reset();
        Map<String, ProcessProbe.Reading> before = probe == null ? Map.of() : probe.read();
        Instant start = Instant.now();
        Path gatlingReport = GatlingRun.run(flow.simulation, params, config.workDir().resolve("gatling"), flow.id + " " + params.label());
        Instant end = Instant.now();
        Map<String, Double> cpu = probe == null ? Map.of() : ProcessProbe.cpuSeconds(before, probe.read());
        Map<String, Convergence.Result> converged = new LinkedHashMap<>();
        if (convergence != null && !params.direct()) {
            if (flow.deposits()) {
                converged.put("deposit_to_ledger", convergence.depositToLedger(start, Duration.ofSeconds(10)));
            }
            if (flow.pays()) {
                converged.put("proof_to_released", convergence.proofToReleased(start, Duration.ofSeconds(10)));
                converged.put("webhook_to_settled_on_escrow", convergence.webhookToSettled(start, Duration.ofSeconds(10)));
            }
        }
        return report.addRun(flow, params, Duration.between(start, end), gatlingReport, cpu, converged);
    }

    private static void pgbench(BenchConfig config, BenchReport report, LocalStack.Running stack) throws Exception {
        Optional<Path> bin = PgBenchReference.binary();
        if (bin.isEmpty()) {
            report.pgbench(null, "pgbench not found (install postgresql-client / the postgresql package)");
            return;
        }
        var pg = stack.postgres();
        pg.ensureDatabases(List.of(PgBenchReference.DATABASE), true);
        Optional<Double> tps = PgBenchReference.run(bin.get(), pg.host(), pg.port(), pg.user(), pg.password(),
                pg.jdbcUrl(PgBenchReference.DATABASE), config.pgbenchClients(), config.duration(), config.workDir());
        report.pgbench(tps.orElse(null), tps.isPresent() ? null : "pgbench failed");
    }

    private static Map<String, Long> pids(LocalStack.Running stack) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Service s : stack.services()) {
            stack.pid(s).ifPresent(pid -> pids.put(s.id(), pid));
        }
        return pids;
    }

    private static Convergence convergence(LocalStack.Running stack) {
        var pg = stack.postgres();
        return new Convergence(pg.jdbcUrl("kobatela_escrow"), pg.jdbcUrl("kobatela_payment"), pg.jdbcUrl("kobatela_proof"), pg.user(),
                pg.password());
    }

    /**
     * What to run.
     *
     * @param repoRoot       repository root
     * @param workDir        output folder ({@code bench/target})
     * @param flows          flows to run
     * @param levels         closed-model concurrency levels through the gateway
     * @param directLevels   concurrency levels of the direct reference
     * @param duration       steady-state duration of each run
     * @param warmUp         unrecorded run of each flow before its first level (zero: none)
     * @param openRate       open-model arrival rate (flows/s); 0 = 70% of the best closed-model rate
     * @param senders        provisioned sender rows
     * @param pgbenchClients pgbench connections
     * @param gatewayUrl     an existing gateway to target instead of starting the stack, or null
     * @param adminKey       its admin key
     * @param webhookSecret  its PSP webhook secret (for the saga), or null
     */
    public record BenchConfig(Path repoRoot, Path workDir, Set<Flow> flows, List<Integer> levels, List<Integer> directLevels,
            Duration duration, Duration warmUp, double openRate, int senders, int pgbenchClients, String gatewayUrl, String adminKey, String webhookSecret) {

        /** Full run by default; {@code --smoke} for a few seconds per step. */
        public static BenchConfig parse(String[] args, Path repoRoot) {
            boolean smoke = false;
            Set<Flow> flows = EnumSet.allOf(Flow.class);
            List<Integer> levels = null;
            Duration duration = null;
            Duration warmUp = null;
            double rate = 0;
            String gateway = null;
            String admin = null;
            String secret = null;
            for (String a : args) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
                if (a.equals("--smoke")) {
                    smoke = true;
                } else if (a.startsWith("--flows=")) {
                    flows = EnumSet.noneOf(Flow.class);
                    for (String id : v.split(",")) {
                        flows.add(flow(id));
                    }
                } else if (a.startsWith("--levels=")) {
                    levels = new ArrayList<>();
                    for (String l : v.split(",")) {
                        levels.add(Integer.parseInt(l.strip()));
                    }
                } else if (a.startsWith("--duration=")) {
                    duration = Duration.ofSeconds(Long.parseLong(v.replace("s", "").strip()));
                } else if (a.startsWith("--warm-up=")) {
                    warmUp = Duration.ofSeconds(Long.parseLong(v.replace("s", "").strip()));
                } else if (a.startsWith("--rate=")) {
                    rate = Double.parseDouble(v);
                } else if (a.startsWith("--gateway=")) {
                    gateway = v;
                } else if (a.startsWith("--admin-key=")) {
                    admin = v;
                } else if (a.startsWith("--webhook-secret=")) {
                    secret = v;
                } else {
                    throw new IllegalArgumentException("unknown option " + a + " (see bench/README.md)");
                }
            }
            if (gateway != null && admin == null) {
                throw new IllegalArgumentException("--gateway needs --admin-key");
            }
            return new BenchConfig(repoRoot, repoRoot.resolve("bench/target"), flows,
                    levels != null ? levels : smoke ? List.of(2) : List.of(1, 16, 64),
                    smoke ? List.of(2) : List.of(1, 16),
                    duration != null ? duration : smoke ? Duration.ofSeconds(3) : Duration.ofSeconds(20),
                    warmUp != null ? warmUp : smoke ? Duration.ZERO : Duration.ofSeconds(20),
                    rate > 0 ? rate : smoke ? 4 : 0, smoke ? 6 : 96, 16, gateway, admin, secret);
        }

        private static Flow flow(String id) {
            for (Flow f : Flow.values()) {
                if (f.id.equals(id.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown flow " + id);
        }
    }
}
