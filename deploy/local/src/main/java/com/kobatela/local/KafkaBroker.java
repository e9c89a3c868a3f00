package com.kobatela.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka KRaft broker (broker and controller roles) in a child JVM:
 * {@code kafka.tools.StorageTool format --standalone} once, then {@code kafka.Kafka server.properties}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());
    private static final List<String> BROKER_JVM_ARGS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Djava.util.logging.SimpleFormatter.format=%1$tF %1$tT %4$s [%3$s] %5$s%6$s%n");

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the storage when needed, starts the broker and waits until it answers.
     *
     * @param java           the {@code java} executable
     * @param classpath      class path holding {@code kafka_2.13} and its dependencies
     * @param dataDir        the broker's log directory (kept between runs)
     * @param port           PLAINTEXT listener port on 127.0.0.1
     * @param controllerPort CONTROLLER listener port on 127.0.0.1
     * @param logFile        output of the format tool and of the broker
     * @param timeout        how long to wait for the broker to answer
     */
    public static KafkaBroker start(String java, String classpath, Path dataDir, int port, int controllerPort,
            Path logFile, Duration timeout) throws IOException, InterruptedException {
        Path workDir = dataDir.toAbsolutePath().getParent();
        Path config = workDir.resolve("kafka-server.properties");
        Path listenersMarker = workDir.resolve("kafka-data.listeners");
        String listeners = port + "," + controllerPort;
        Files.createDirectories(logFile.getParent());

        boolean formatted = Files.isRegularFile(dataDir.resolve("meta.properties"));
        if (formatted && !listeners.equals(readOrEmpty(listenersMarker))) {
            // The standalone quorum records the controller endpoint at format time.
            LOG.warning("Kafka ports changed since " + dataDir + " was formatted: wiping it");
            deleteTree(dataDir);
            formatted = false;
        }
        Files.createDirectories(dataDir);
        Files.writeString(config, serverProperties(dataDir, port, controllerPort), StandardCharsets.UTF_8);

        if (!formatted) {
            List<String> format = command(java, classpath, "kafka.tools.StorageTool", "format", "--standalone",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString());
            Path formatLog = logFile.resolveSibling("kafka-format.log");
            ChildProcess tool = ChildProcess.start("kafka-storage-format", format, Map.of(), workDir, formatLog);
            OptionalInt exit = tool.waitFor(Duration.ofSeconds(60));
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                tool.stop(Duration.ZERO);
                throw new IllegalStateException("formatting Kafka storage failed (" + formatLog + "):\n" + tool.tail(30));
            }
            Files.writeString(listenersMarker, listeners, StandardCharsets.UTF_8);
        }

        ChildProcess broker = ChildProcess.start("kafka", command(java, classpath, "kafka.Kafka", config.toString()),
                Map.of(), workDir, logFile);
        KafkaBroker kafka = new KafkaBroker(broker, "127.0.0.1:" + port);
        try {
            kafka.awaitReady(timeout);
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** {@code host:port} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker process. */
    public ChildProcess process() {
        return process;
    }

    /** The broker's configuration for the given directories and ports. */
    static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "# Written by the Kobatela local stack launcher on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + dataDir.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        Exception last = null;
        // First the TCP port (no AdminClient reconnect warnings while the JVM boots), then the cluster.
        while (!acceptsConnections(port(bootstrapServers))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.process().exitValue()
                        + " (" + process.logFile() + "):\n" + process.tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka broker not listening on " + bootstrapServers + " within "
                        + timeout.toSeconds() + " s (" + process.logFile() + "):\n" + process.tail(40));
            }
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with code " + process.process().exitValue()
                            + " (" + process.logFile() + "):\n" + process.tail(40));
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes().get(3, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers + " not ready within "
                + timeout.toSeconds() + " s (last error: " + last + ", " + process.logFile() + "):\n" + process.tail(40));
    }

    /** Stops the broker: SIGTERM, then kill after 10 s. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }

    private static List<String> command(String java, String classpath, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(BROKER_JVM_ARGS);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static boolean acceptsConnections(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readOrEmpty(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
