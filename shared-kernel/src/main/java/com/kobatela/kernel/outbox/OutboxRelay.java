package com.kobatela.kernel.outbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.kernel.event.CloudEventHeaders;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka (ARCHITECTURE §3): unpublished rows in id order, CloudEvents binary headers,
 * {@code acks=all} with an idempotent producer, then marks them published in the same database transaction.
 * Only one replica relays at a time ({@code pg_try_advisory_xact_lock}), so per-key order holds. Woken right
 * after each commit by {@link Transactions}, and by a 1 s sweep for rows left behind by a crash. A Kafka
 * failure rolls the batch back: rows are sent again later (consumers de-duplicate by event id).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay; each service has its own database, so one constant suffices. */
    static final long LOCK_ID = 0x6b6f62615f6f7574L;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String source;

    @ConfigProperty(name = "kobatela.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kobatela.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @Inject
    MeterRegistry registry;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile KafkaProducer<String, byte[]> producer;

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, source + "-outbox");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    void stop(@Observes ShutdownEvent ev) {
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Safety-net sweep, every second, only once the application runs. */
    @Scheduled(every = "${kobatela.outbox.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wakeUp();
    }

    /** Asks for a relay pass now; coalesces with a pass already running. */
    public void wakeUp() {
        if (producer == null) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(
                n -> {
                    registry.counter("kobatela.outbox.published").increment(n);
                    finish();
                },
                e -> {
                    registry.counter("kobatela.outbox.relay.failures").increment();
                    LOG.warnf("outbox relay pass failed, retried on the next sweep: %s", e.toString());
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (again.getAndSet(false)) {
            wakeUp();
        }
    }

    private Uni<Integer> drain() {
        return relayBatch().chain(n -> n >= batchSize ? drain().map(m -> n + m) : Uni.createFrom().item(n));
    }

    /** One batch under the advisory lock; returns how many rows were published (0 if another replica relays). */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_ID))
                .chain(rs -> rs.iterator().next().getBoolean(0) ? publishPending(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishPending(SqlConnection conn) {
        return conn.preparedQuery("select id, event_id, topic, message_key, type, payload, actor, correlation_id, created_at "
                + "from outbox_events where published_at is null order by id limit $1")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    return send(rows).chain(ids -> conn
                            .preparedQuery("update outbox_events set published_at = now() where id = any($1)")
                            .execute(Tuple.of(ids.toArray(new Long[0])))
                            .replaceWith(ids.size()));
                });
    }

    private Uni<List<Long>> send(RowSet<Row> rows) {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            return Uni.createFrom().failure(new IllegalStateException("relay stopped"));
        }
        return Uni.createFrom().item(() -> {
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getLong("id"));
                acks.add(sendOne(p, row));
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).join();
            return ids;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private CompletableFuture<Void> sendOne(KafkaProducer<String, byte[]> p, Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), row.getString("message_key"),
                row.getString("payload").getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, row.getString("event_id"));
        header(record, CloudEventHeaders.TYPE, row.getString("type"));
        header(record, CloudEventHeaders.SOURCE, "/" + source);
        header(record, CloudEventHeaders.SUBJECT, row.getString("message_key"));
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        header(record, CloudEventHeaders.TIME, created.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        header(record, CloudEventHeaders.ACTOR, row.getString("actor"));
        header(record, CloudEventHeaders.CORRELATION, row.getString("correlation_id"));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        p.send(record, (md, ex) -> {
            if (ex != null) {
                ack.completeExceptionally(ex);
            } else {
                ack.complete(null);
            }
        });
        return ack;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Number of rows not yet published (for health and metrics). */
    public Uni<Long> backlog() {
        return pool.query("select count(*) from outbox_events where published_at is null").execute()
                .map(rs -> rs.iterator().next().getLong(0));
    }
}
