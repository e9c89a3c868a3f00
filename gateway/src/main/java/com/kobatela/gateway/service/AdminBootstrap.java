package com.kobatela.gateway.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.kobatela.gateway.domain.ApiKey;
import com.kobatela.kernel.outbox.Transactions;
import com.kobatela.kernel.security.Scope;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Local admin bootstrap (profiles {@code local} and {@code dev} only: {@code kobatela.bootstrap-admin.enabled}).
 * At startup, when no active admin key exists or the key file is missing, creates an admin key named
 * {@code local-admin} that never expires, logs it once and writes the raw key to
 * {@code kobatela.bootstrap-admin.key-file} (env {@code KOBATELA_ADMIN_KEY_FILE}) with POSIX mode 0600. When an
 * admin key exists and the file exists, does nothing. Replicas are serialised by a transaction-scoped PostgreSQL
 * advisory lock, so they never create two keys for the same decision.
 */
@ApplicationScoped
public class AdminBootstrap {

    /** Name of the bootstrap key. */
    public static final String KEY_NAME = "local-admin";
    /** Audit actor of the bootstrap. */
    public static final String ACTOR = "system:bootstrap-admin";
    private static final long LOCK_ID = 0x6b6f62615f61646dL;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @ConfigProperty(name = "kobatela.bootstrap-admin.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "kobatela.bootstrap-admin.key-file")
    String keyFile;

    @Inject
    Transactions tx;

    @Inject
    ApiKeyService keys;

    void onStart(@Observes StartupEvent ev) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(this::ensureAdminKey);
        }
    }

    /**
     * Creates the bootstrap admin key when needed and writes it to the key file.
     *
     * @return the raw key when one was created, empty when nothing was done
     */
    public Uni<Optional<String>> ensureAdminKey() {
        Path file = Path.of(keyFile);
        return tx.inTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select 1 from (select pg_advisory_xact_lock(:id)) l", Integer.class)
                        .setParameter("id", LOCK_ID).getSingleResult())
                .chain(() -> ApiKey.count("scope = ?1 and isActive = true and (expiresAt is null or expiresAt > ?2)",
                        Scope.ADMIN.value(), OffsetDateTime.now(ZoneOffset.UTC)))
                .chain(n -> {
                    if (n > 0 && Files.exists(file)) {
                        return Uni.createFrom().item(Optional.<ApiKeyService.Created>empty());
                    }
                    return keys.insert(ACTOR, null, null, KEY_NAME, Scope.ADMIN, null, null).map(Optional::of);
                }))
                .map(created -> created.map(c -> {
                    writeKeyFile(file, c.raw());
                    // the raw key goes to the file (mode 0600) only, never to a log line: the launcher prints it on its console
                    LOG.infof("Local admin API key created (id %d, prefix %s), written to %s", c.key().id, c.key().prefix, file.toAbsolutePath());
                    return c.raw();
                }));
    }

    /**
     * Writes {@code rawKey} to {@code file} with mode 0600 (parent directories created), atomically replacing an
     * older file.
     *
     * @throws IllegalStateException when the file cannot be written
     */
    static void writeKeyFile(Path file, String rawKey) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                throw new IOException("concurrent writer of " + tmp, e);
            }
            Files.writeString(tmp, rawKey + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tmp, OWNER_ONLY);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin key file " + file + ": " + e.getMessage(), e);
        }
    }
}
