package com.kobatela.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The Kobatela local stack: PostgreSQL (embedded, or an existing server through {@code KOBATELA_PG_URL}),
 * a Kafka KRaft broker process, the PSP sandbox and the five services as child JVMs
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}), all on 127.0.0.1.
 *
 * <p>Usable from {@link LocalStackMain} or in-process (end-to-end tests):
 * <pre>{@code
 * try (LocalStack.Running stack = new LocalStack(LocalStack.Options.defaults()).start()) {
 *     String url = stack.gatewayUrl();
 *     String adminKey = stack.adminKey();
 * }
 * }</pre>
 *
 * <p>Everything lives under {@link Options#workDir()} (default {@code deploy/local/target}):
 * {@code pgdata/}, {@code kafka-data/}, {@code logs/<name>.log}, {@code keys/} and
 * {@code admin-api-key}. Data survives restarts unless {@link Options#freshData()} is set.
 */
public final class LocalStack {

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    /** Kept referenced so that the level set on it is not lost: the Kafka AdminClient is chatty. */
    private static final Logger KAFKA_CLIENT_LOG = Logger.getLogger("org.apache.kafka");
    /** Grace period between SIGTERM and SIGKILL for every child. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    static {
        KAFKA_CLIENT_LOG.setLevel(Level.WARNING);
    }

    /** The databases created on the PostgreSQL server, one per service. */
    public static final List<String> DATABASES = List.of("kobatela_gateway", "kobatela_escrow", "kobatela_spend",
            "kobatela_proof", "kobatela_payment");

    /**
     * Launcher options. Start from {@link #defaults()} and change with the {@code with...} methods.
     *
     * @param repoRoot            repository root (holds {@code mvnw} and the service modules)
     * @param workDir             where data, logs and keys go
     * @param services            which services to start (all by default)
     * @param servicePorts        HTTP port of each service
     * @param pgPort              port of the embedded PostgreSQL (ignored with {@code externalPgUrl})
     * @param externalPgUrl       existing server to use instead of the embedded one, or {@code null}
     * @param kafkaPort           broker PLAINTEXT port
     * @param kafkaControllerPort KRaft controller port
     * @param freshData           wipe the embedded database and broker data (and drop the databases of
     *                            an external server) before starting
     * @param readyTimeout        how long to wait for the services to be ready (and for the admin key)
     * @param serviceJvmArgs      JVM options for every service
     * @param javaCommand         the {@code java} executable for the child JVMs
     * @param kafkaClasspath      class path of the broker JVM (kafka_2.13 and its dependencies)
     */
    public record Options(Path repoRoot, Path workDir, Set<Service> services, Map<Service, Integer> servicePorts,
            int pgPort, String externalPgUrl, int kafkaPort, int kafkaControllerPort, boolean freshData,
            Duration readyTimeout, List<String> serviceJvmArgs, String javaCommand, String kafkaClasspath) {

        /**
         * Default JVM options of the services: small footprint and quick start on a small machine (bench figures in
         * docs/performance.md): serial GC, C1 only (C2's compilations cost more CPU than they give back on two cores
         * shared by six JVMs, and a larger code cache), a heap that starts small, grows to 192 MB and shrinks back
         * after bursts, a 32 MB code cache and 512 KB thread stacks.
         */
        public static final List<String> DEFAULT_SERVICE_JVM_ARGS = List.of("-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx192m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40",
                "-XX:ReservedCodeCacheSize=32m", "-Xss512k");

        /**
         * The gateway's default JVM options: the services' defaults with C2 kept. The gateway signs an RS256 token per
         * API key every 30 s on its event loop; RSA's big-integer arithmetic has its fast paths (intrinsics) in C2 only,
         * so under C1 a signature takes about ten times longer (measured ~20 ms against ~2 ms on this machine). C2's
         * code needs a larger code cache (48 MB).
         */
        public static final List<String> GATEWAY_JVM_ARGS = DEFAULT_SERVICE_JVM_ARGS.stream()
                .filter(a -> !a.startsWith("-XX:TieredStopAtLevel"))
                .map(a -> a.startsWith("-XX:ReservedCodeCacheSize") ? "-XX:ReservedCodeCacheSize=48m" : a).toList();

        /** Copies the collections and checks the values. */
        public Options {
            Objects.requireNonNull(repoRoot, "repoRoot");
            Objects.requireNonNull(workDir, "workDir");
            repoRoot = repoRoot.toAbsolutePath().normalize();
            workDir = workDir.toAbsolutePath().normalize();
            services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                ports.put(s, servicePorts.getOrDefault(s, s.defaultPort()));
            }
            servicePorts = Collections.unmodifiableMap(ports);
            serviceJvmArgs = List.copyOf(serviceJvmArgs);
            Objects.requireNonNull(readyTimeout, "readyTimeout");
            Objects.requireNonNull(javaCommand, "javaCommand");
            Objects.requireNonNull(kafkaClasspath, "kafkaClasspath");
        }

        /**
         * Defaults: repository root from system property {@code kobatela.repo.root}, env
         * {@code KOBATELA_REPO_ROOT} or the nearest parent of the working directory holding
         * {@code deploy/local/pom.xml}; work dir {@code deploy/local/target}; all services on their
         * usual ports (gateway 8080, escrow 8081, spend 8082, proof 8083, payment 8084, PSP 8090);
         * PostgreSQL 5433 or env {@code KOBATELA_PG_URL}; Kafka 9092/9093; data kept; 120 s to be ready;
         * this JVM's {@code java} and class path for the broker.
         */
        public static Options defaults() {
            Path root = findRepoRoot();
            return new Options(root, root.resolve("deploy/local/target"), EnumSet.allOf(Service.class), Map.of(),
                    5433, blankToNull(System.getenv("KOBATELA_PG_URL")), 9092, 9093, false, Duration.ofSeconds(120),
                    serviceJvmArgsFromEnv(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    absoluteClasspath(System.getProperty("java.class.path")));
        }

        /**
         * The services' JVM options: env {@code KOBATELA_SERVICE_JVM_ARGS} (space-separated) when set, else
         * {@link #DEFAULT_SERVICE_JVM_ARGS}. Lets an operator or the benchmark try other heap or JIT settings.
         */
        static List<String> serviceJvmArgsFromEnv() {
            String env = System.getenv("KOBATELA_SERVICE_JVM_ARGS");
            if (env == null || env.isBlank()) {
                return DEFAULT_SERVICE_JVM_ARGS;
            }
            return List.of(env.trim().split("\\s+"));
        }

        /** Only these services (none: PostgreSQL and Kafka only, e.g. for {@code quarkus:dev}). */
        public Options withServices(Collection<Service> only) {
            Set<Service> set = only.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(only);
            return new Options(repoRoot, workDir, set, servicePorts, pgPort, externalPgUrl, kafkaPort,
                    kafkaControllerPort, freshData, readyTimeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /** Another work directory (data, logs, keys). */
        public Options withWorkDir(Path dir) {
            return new Options(repoRoot, dir, services, servicePorts, pgPort, externalPgUrl, kafkaPort,
                    kafkaControllerPort, freshData, readyTimeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /** Wipe (or keep) data before starting. */
        public Options withFreshData(boolean fresh) {
            return new Options(repoRoot, workDir, services, servicePorts, pgPort, externalPgUrl, kafkaPort,
                    kafkaControllerPort, fresh, readyTimeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /** Use an existing PostgreSQL server ({@code null}: the embedded one). */
        public Options withExternalPgUrl(String url) {
            return new Options(repoRoot, workDir, services, servicePorts, pgPort, blankToNull(url), kafkaPort,
                    kafkaControllerPort, freshData, readyTimeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /** Another readiness deadline. */
        public Options withReadyTimeout(Duration timeout) {
            return new Options(repoRoot, workDir, services, servicePorts, pgPort, externalPgUrl, kafkaPort,
                    kafkaControllerPort, freshData, timeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /** Explicit ports; {@code servicePorts} may name only some services. */
        public Options withPorts(Map<Service, Integer> ports, int pg, int kafka, int kafkaController) {
            Map<Service, Integer> merged = new EnumMap<>(servicePorts);
            merged.putAll(ports);
            return new Options(repoRoot, workDir, services, merged, pg, externalPgUrl, kafka, kafkaController,
                    freshData, readyTimeout, serviceJvmArgs, javaCommand, kafkaClasspath);
        }

        /**
         * The broker JVM's class path (kafka_2.13 and its dependencies), e.g. {@code deploy/local/target/lib/*},
         * for launchers whose own class path holds other libraries.
         */
        public Options withKafkaClasspath(String classpath) {
            return new Options(repoRoot, workDir, services, servicePorts, pgPort, externalPgUrl, kafkaPort,
                    kafkaControllerPort, freshData, readyTimeout, serviceJvmArgs, javaCommand, classpath);
        }

        /** Every port (services, PostgreSQL, Kafka) replaced by a currently free one. */
        public Options withFreePorts() {
            int[] free = freePorts(Service.values().length + 3);
            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                ports.put(s, free[s.ordinal()]);
            }
            int n = Service.values().length;
            return withPorts(ports, free[n], free[n + 1], free[n + 2]);
        }

        /** HTTP port of a service. */
        public int port(Service service) {
            return servicePorts.get(service);
        }

        /** {@code <workDir>/logs}. */
        public Path logDir() {
            return workDir.resolve("logs");
        }

        /** {@code <workDir>/keys}. */
        public Path keysDir() {
            return workDir.resolve("keys");
        }

        /** {@code <workDir>/admin-api-key}, written by the gateway in the {@code local} profile. */
        public Path adminKeyFile() {
            return workDir.resolve("admin-api-key");
        }

        /** {@code <workDir>/pgdata}. */
        public Path pgDataDir() {
            return workDir.resolve("pgdata");
        }

        /** {@code <workDir>/kafka-data}. */
        public Path kafkaDataDir() {
            return workDir.resolve("kafka-data");
        }

        /** The runnable jar of a service. */
        public Path runJar(Service service) {
            return repoRoot.resolve(service.moduleDir()).resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    private final Options options;

    /** A launcher for these options; nothing starts before {@link #start()}. */
    public LocalStack(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    /**
     * Starts everything and waits until every service is ready and, with the gateway, until the admin
     * key file is written. On failure, stops whatever was started and throws.
     *
     * @return the running stack; close it to stop everything (a JVM shutdown hook also does)
     */
    public Running start() throws IOException, InterruptedException {
        Running running = new Running(options);
        try {
            running.startAll();
            return running;
        } catch (IOException | InterruptedException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** A started stack. Closing it stops the services (SIGTERM, kill after 10 s), the broker and PostgreSQL. */
    public static final class Running implements AutoCloseable {

        private final Options options;
        private final Map<Service, ChildProcess> children = new LinkedHashMap<>();
        private final Thread shutdownHook = new Thread(this::close, "local-stack-shutdown");
        private volatile boolean closed;
        private Postgres postgres;
        private KafkaBroker kafka;
        private String adminKey;
        private Secrets secrets;
        private final Map<String, Duration> timings = Collections.synchronizedMap(new LinkedHashMap<>());

        private Running(Options options) {
            this.options = options;
        }

        /** Base URL of the gateway, e.g. {@code http://127.0.0.1:8080}. */
        public String gatewayUrl() {
            return serviceUrl(Service.GATEWAY);
        }

        /** Base URL of a service. */
        public String serviceUrl(Service service) {
            return "http://127.0.0.1:" + options.port(service);
        }

        /** The admin API key written by the gateway; throws when the gateway was not started. */
        public String adminKey() {
            if (adminKey == null) {
                throw new IllegalStateException("the gateway is not part of this stack: no admin key");
            }
            return adminKey;
        }

        /** The services started. */
        public Set<Service> services() {
            return options.services();
        }

        /** Bootstrap servers of the broker. */
        public String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        /** The PostgreSQL server. */
        public Postgres postgres() {
            return postgres;
        }

        /** The options this stack runs with. */
        public Options options() {
            return options;
        }

        /** Process id of a started service, or empty when it is not part of this stack. */
        public java.util.OptionalLong pid(Service service) {
            ChildProcess child = children.get(service);
            return child == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(child.process().pid());
        }

        /**
         * Kills a service with SIGKILL (no shutdown hooks, no graceful close: a crash) and waits until it is gone.
         * For fault-injection tests; {@link #restart} brings it back.
         */
        public synchronized void kill(Service service) {
            ChildProcess child = requireChild(service);
            child.process().destroyForcibly();
            child.awaitOrKill(STOP_GRACE);
            LOG.info(service.id() + " killed (SIGKILL)");
        }

        /**
         * Starts a service again (after {@link #kill} or a crash) with the same command, port and environment, and
         * waits until it is ready. Its log file is appended to.
         */
        public void restart(Service service) throws IOException, InterruptedException {
            synchronized (this) {
                ChildProcess old = requireChild(service);
                if (old.isAlive()) {
                    throw new IllegalStateException(service.id() + " is still running");
                }
                children.put(service, ChildProcess.start(service.id(), serviceCommand(service), serviceEnv(service, secrets),
                        options.repoRoot().resolve(service.moduleDir()), logFile(service), true));
            }
            awaitReady(EnumSet.of(service), System.nanoTime() + options.readyTimeout().toNanos());
        }

        /** Stops the Kafka broker (SIGTERM, then SIGKILL after the grace period). */
        public synchronized void stopKafka() {
            kafka.close();
            LOG.info("Kafka stopped");
        }

        /** Starts the Kafka broker again on the same ports and data. */
        public synchronized void startKafka() {
            kafka = startKafka0();
            LOG.info("Kafka started again");
        }

        /** Stops the embedded PostgreSQL server (fast shutdown: open connections are closed). */
        public synchronized void stopPostgres() {
            if (!postgres.isEmbedded()) {
                throw new IllegalStateException("only the embedded PostgreSQL can be stopped");
            }
            postgres.close();
            LOG.info("PostgreSQL stopped");
        }

        /** Starts the embedded PostgreSQL server again on the same port and data. */
        public synchronized void startPostgres() {
            postgres = startPostgres0();
            LOG.info("PostgreSQL started again");
        }

        /** Whether a service answers 200 on {@code /q/health/ready} now. */
        public boolean isReady(Service service) throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            return readiness(http, service) == null;
        }

        private ChildProcess requireChild(Service service) {
            ChildProcess child = children.get(service);
            if (child == null) {
                throw new IllegalStateException(service.id() + " is not part of this stack");
            }
            return child;
        }

        /** Log file of a service. */
        public Path logFile(Service service) {
            return options.logDir().resolve(service.id() + ".log");
        }

        /** How long each start-up step took, in order (postgres, kafka, services, admin-key). */
        public Map<String, Duration> timings() {
            synchronized (timings) {
                return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
            }
        }

        private void startAll() throws IOException, InterruptedException {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            checkBuilt();
            checkPortsFree();
            Files.createDirectories(options.logDir());
            secrets = Secrets.loadOrCreate(options.keysDir());
            if (options.freshData()) {
                KafkaBroker.deleteTree(options.pgDataDir());
                KafkaBroker.deleteTree(options.kafkaDataDir());
                Files.deleteIfExists(options.adminKeyFile());
            }

            // PostgreSQL and Kafka start in parallel.
            CompletableFuture<Postgres> pg = CompletableFuture.supplyAsync(this::startPostgres0);
            CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(this::startKafka0);
            try {
                postgres = join(pg);
            } finally {
                try {
                    kafka = join(broker);
                } catch (RuntimeException e) {
                    if (postgres != null) {
                        throw e;
                    }
                    LOG.log(Level.WARNING, "Kafka failed too", e);
                }
            }
            try {
                List<String> created = postgres.ensureDatabases(DATABASES, options.freshData() && !postgres.isEmbedded());
                if (!created.isEmpty()) {
                    LOG.info("created databases " + created);
                }
                if (created.contains("kobatela_gateway")) {
                    // a new gateway database has no admin key yet: an old key file would be stale
                    Files.deleteIfExists(options.adminKeyFile());
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot create the databases on " + postgres.host() + ":"
                        + postgres.port() + ": " + e.getMessage(), e);
            }

            long t0 = System.nanoTime();
            for (Service s : options.services()) {
                children.put(s, ChildProcess.start(s.id(), serviceCommand(s), serviceEnv(s, secrets),
                        options.repoRoot().resolve(s.moduleDir()), logFile(s)));
            }
            awaitReady(options.services(), System.nanoTime() + options.readyTimeout().toNanos());
            timings.put("services", Duration.ofNanos(System.nanoTime() - t0));
            if (options.services().contains(Service.GATEWAY)) {
                long t1 = System.nanoTime();
                adminKey = awaitAdminKey(System.nanoTime() + options.readyTimeout().toNanos());
                timings.put("admin-key", Duration.ofNanos(System.nanoTime() - t1));
            }
            for (ChildProcess child : children.values()) {
                child.process().onExit().thenAccept(p -> {
                    if (!closed) {
                        LOG.warning(child.name() + " exited unexpectedly with code " + p.exitValue() + "; see "
                                + child.logFile());
                    }
                });
            }
            LOG.info("local stack ready: " + timings.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").collect(Collectors.joining(", ")));
        }

        private Postgres startPostgres0() {
            long t0 = System.nanoTime();
            try {
                Postgres pg = options.externalPgUrl() != null
                        ? Postgres.external(options.externalPgUrl())
                        : Postgres.startEmbedded(options.pgDataDir(), options.pgPort(),
                                options.logDir().resolve("postgres.log"));
                timings.put("postgres", Duration.ofNanos(System.nanoTime() - t0));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL (log: "
                        + options.logDir().resolve("postgres.log") + "): " + e.getMessage(), e);
            }
        }

        private KafkaBroker startKafka0() {
            long t0 = System.nanoTime();
            try {
                KafkaBroker broker = KafkaBroker.start(options.javaCommand(), options.kafkaClasspath(),
                        options.kafkaDataDir(), options.kafkaPort(), options.kafkaControllerPort(),
                        options.logDir().resolve("kafka.log"), Duration.ofSeconds(60));
                timings.put("kafka", Duration.ofNanos(System.nanoTime() - t0));
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Kafka: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Kafka", e);
            }
        }

        private static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }

        private void checkBuilt() {
            List<String> missing = options.services().stream().map(options::runJar).filter(p -> !Files.isRegularFile(p))
                    .map(Path::toString).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("not built: " + missing
                        + "; run ./mvnw -B install -DskipTests at the repository root (deploy/local/run.sh does it)");
            }
        }

        private void checkPortsFree() {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            if (options.externalPgUrl() == null) {
                wanted.put("PostgreSQL", options.pgPort());
            }
            wanted.put("Kafka", options.kafkaPort());
            wanted.put("Kafka controller", options.kafkaControllerPort());
            for (Service s : options.services()) {
                wanted.put(s.id(), options.port(s));
            }
            List<String> busy = new ArrayList<>();
            wanted.forEach((name, port) -> {
                try (ServerSocket ignored = new ServerSocket(port)) {
                    // free
                } catch (IOException e) {
                    busy.add(name + " port " + port);
                }
            });
            if (!busy.isEmpty()) {
                throw new IllegalStateException("ports already in use (another stack running?): " + busy);
            }
        }

        private List<String> serviceCommand(Service s) {
            List<String> cmd = new ArrayList<>();
            cmd.add(options.javaCommand());
            List<String> jvmArgs = options.serviceJvmArgs();
            if (s == Service.GATEWAY && jvmArgs.equals(Options.DEFAULT_SERVICE_JVM_ARGS)) {
                jvmArgs = Options.GATEWAY_JVM_ARGS;
            }
            cmd.addAll(jvmArgs);
            cmd.add("-jar");
            cmd.add(options.runJar(s).toString());
            return cmd;
        }

        /** The environment a service gets (added to the launcher's own). */
        Map<String, String> serviceEnv(Service s, Secrets secrets) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_PROFILE", "local");
            env.put("QUARKUS_HTTP_PORT", String.valueOf(options.port(s)));
            // glibc gives every thread that mallocs its own 64 MB arena; two are plenty for a JVM (less RSS, same speed)
            env.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
            env.put("KOBATELA_DB_HOST", postgres.host());
            env.put("KOBATELA_DB_PORT", String.valueOf(postgres.port()));
            env.put("KOBATELA_DB_USER", postgres.user());
            env.put("KOBATELA_DB_PASSWORD", postgres.password());
            if (s.database() != null) {
                env.put("KOBATELA_DB_NAME", s.database());
            }
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("KOBATELA_JWT_PUBLIC_KEY_LOCATION", secrets.jwtPublicKey().toString());
            switch (s) {
                case GATEWAY -> {
                    env.put("KOBATELA_JWT_PRIVATE_KEY_LOCATION", secrets.jwtPrivateKey().toString());
                    env.put("KOBATELA_ADMIN_KEY_FILE", options.adminKeyFile().toString());
                    env.put("KOBATELA_UPSTREAM_ESCROW_URL", serviceUrl(Service.ESCROW));
                    env.put("KOBATELA_UPSTREAM_SPEND_URL", serviceUrl(Service.SPEND));
                    env.put("KOBATELA_UPSTREAM_PROOF_URL", serviceUrl(Service.PROOF));
                    env.put("KOBATELA_UPSTREAM_PAYMENT_URL", serviceUrl(Service.PAYMENT));
                    env.put("SECRET_KEY", secrets.secretKey());
                    // not in the original brief: the gateway's /health reports whether it is configured
                    env.put("PSP_WEBHOOK_SECRET", secrets.pspWebhookSecret());
                }
                case PAYMENT -> {
                    env.put("KOBATELA_PSP_URL", serviceUrl(Service.PSP_SANDBOX));
                    env.put("PSP_WEBHOOK_SECRET", secrets.pspWebhookSecret());
                }
                case PSP_SANDBOX -> {
                    env.put("PSP_WEBHOOK_SECRET", secrets.pspWebhookSecret());
                    env.put("KOBATELA_GATEWAY_URL", gatewayUrl());
                }
                default -> {
                }
            }
            return env;
        }

        private void awaitReady(Set<Service> services, long deadline) throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            Map<Service, String> pending = new EnumMap<>(Service.class);
            services.forEach(s -> pending.put(s, "not answering"));
            while (!pending.isEmpty()) {
                for (Service s : List.copyOf(pending.keySet())) {
                    ChildProcess child = children.get(s);
                    if (!child.isAlive()) {
                        throw new IllegalStateException(s.id() + " exited with code " + child.process().exitValue()
                                + " before being ready; last lines of " + child.logFile() + ":\n" + child.tail(40));
                    }
                    String state = readiness(http, s);
                    if (state == null) {
                        pending.remove(s);
                        LOG.info(s.id() + " ready on " + serviceUrl(s));
                    } else {
                        pending.put(s, state);
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    Service first = pending.keySet().iterator().next();
                    throw new IllegalStateException("not ready within " + options.readyTimeout().toSeconds() + " s: "
                            + pending.entrySet().stream().map(e -> e.getKey().id() + " (" + e.getValue() + ")")
                                    .collect(Collectors.joining(", "))
                            + "; last lines of " + children.get(first).logFile() + ":\n" + children.get(first).tail(40));
                }
                Thread.sleep(250);
            }
        }

        /** {@code null} when ready, otherwise what was seen. */
        private String readiness(HttpClient http, Service s) throws InterruptedException {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serviceUrl(s) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? null : "HTTP " + r.statusCode() + " " + abbreviate(r.body());
            } catch (IOException e) {
                return "not answering";
            }
        }

        private String awaitAdminKey(long deadline) throws IOException, InterruptedException {
            Path file = options.adminKeyFile();
            while (true) {
                if (Files.isRegularFile(file)) {
                    String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                    if (!key.isEmpty()) {
                        return key;
                    }
                }
                ChildProcess gateway = children.get(Service.GATEWAY);
                if (System.nanoTime() > deadline || !gateway.isAlive()) {
                    throw new IllegalStateException("the gateway did not write the admin API key file " + file
                            + " (env KOBATELA_ADMIN_KEY_FILE, profile local); last lines of " + gateway.logFile()
                            + ":\n" + gateway.tail(40));
                }
                Thread.sleep(200);
            }
        }

        /** Stops everything; safe to call more than once. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: this is the hook
            }
            List<ChildProcess> reversed = new ArrayList<>(children.values());
            Collections.reverse(reversed);
            reversed.forEach(ChildProcess::terminate);
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (ChildProcess child : reversed) {
                child.awaitOrKill(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            LOG.info("local stack stopped");
        }

        private static String abbreviate(String s) {
            String oneLine = s.replaceAll("\\s+", " ");
            return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
        }
    }

    private static Path findRepoRoot() {
        String configured = System.getProperty("kobatela.repo.root", System.getenv("KOBATELA_REPO_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath()
                + "; set -Dkobatela.repo.root or KOBATELA_REPO_ROOT");
    }

    /** Makes every entry absolute (children run in other directories) and expands {@code dir/*} entries. */
    static String absoluteClasspath(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry)
                    .toAbsolutePath().normalize();
            if (entry.endsWith("*")) {
                try (var jars = Files.list(path)) {
                    jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (!path.getFileName().toString().startsWith("jboss-logmanager")) {
                // (jboss-logmanager is a test dependency; the broker logs through plain java.util.logging)
                entries.add(path.toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
