package com.kobatela.payment.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The PSP webhook secrets (spec {@code rules.md#psp-webhook} 1, 11, 12; {@code #config}): the primary
 * ({@code PSP_WEBHOOK_SECRET}) and the next one for rotation ({@code PSP_WEBHOOK_SECRET_NEXT}); empty strings count as
 * unset. Each may come from a file instead (a mounted Kubernetes Secret: {@code PSP_WEBHOOK_SECRET_FILE},
 * {@code PSP_WEBHOOK_SECRET_NEXT_FILE}); a configured, readable, non-blank file wins over the value. Both are read
 * again from configuration and files at most every {@code kobatela.psp.webhook.secrets-refresh} (default 30 s, capped
 * at 60 s), so a rotation applies without restart. Outside the {@code dev}, {@code test} and {@code local} profiles the
 * service refuses to start without at least one secret. Logs show fingerprints ({@code sha256:} + 8 hex), never secrets.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final Set<String> LENIENT_PROFILES = Set.of("dev", "test", "local");
    private static final Duration MAX_REFRESH = Duration.ofSeconds(60);

    /**
     * The secrets in force.
     *
     * @param primary the primary secret or null
     * @param next    the next secret or null
     */
    public record Snapshot(String primary, String next) {

        /** True when at least one secret is set. */
        public boolean any() {
            return primary != null || next != null;
        }

        /** The secrets to try, primary first, each with its name ({@code primary}, {@code next}). */
        public List<Named> candidates() {
            List<Named> out = new ArrayList<>(2);
            if (primary != null) {
                out.add(new Named("primary", primary));
            }
            if (next != null) {
                out.add(new Named("next", next));
            }
            return out;
        }

        String describe() {
            return "primary " + (primary == null ? "unset" : fingerprint(primary)) + ", next " + (next == null ? "unset" : fingerprint(next));
        }
    }

    /**
     * A secret with its role.
     *
     * @param name   {@code primary} or {@code next}
     * @param secret the secret
     */
    public record Named(String name, String secret) {
    }

    private volatile Snapshot current;
    private volatile Instant readAt = Instant.EPOCH;

    /** Fails the start outside dev/test/local when no secret is configured; logs the fingerprints. */
    void onStart(@Observes @Priority(1) StartupEvent ev) {
        Snapshot s = current();
        requireForProfiles(ConfigUtils.getProfiles(), s);
        if (!s.any()) {
            LOG.warn("PSP webhook secrets not configured: /psp/webhook answers 503 WEBHOOK_SECRET_NOT_CONFIGURED (refused outside dev/test/local)");
        }
    }

    /**
     * The start rule.
     *
     * @throws IllegalStateException when no secret is set and no active profile is dev, test or local
     */
    public static void requireForProfiles(List<String> profiles, Snapshot secrets) {
        if (!secrets.any() && profiles.stream().noneMatch(LENIENT_PROFILES::contains)) {
            throw new IllegalStateException("PSP_WEBHOOK_SECRET (or PSP_WEBHOOK_SECRET_NEXT, or their _FILE variants) is not set;"
                    + " payment-service refuses to start without a webhook secret outside dev/test/local.");
        }
    }

    /** The secrets in force, read again when the refresh interval has passed. */
    public Snapshot current() {
        Snapshot s = current;
        Config config = ConfigProvider.getConfig();
        Duration refresh = config.getOptionalValue("kobatela.psp.webhook.secrets-refresh", Duration.class).orElse(Duration.ofSeconds(30));
        if (refresh.compareTo(MAX_REFRESH) > 0) {
            refresh = MAX_REFRESH;
        }
        if (s == null || Instant.now().isAfter(readAt.plus(refresh))) {
            s = read(config);
            if (!s.equals(current)) {
                LOG.infof("PSP webhook secrets loaded: %s", s.describe());
            }
            current = s;
            readAt = Instant.now();
        }
        return s;
    }

    private static Snapshot read(Config config) {
        return new Snapshot(one(config, "kobatela.psp.webhook.secret", "kobatela.psp.webhook.secret-file"),
                one(config, "kobatela.psp.webhook.secret-next", "kobatela.psp.webhook.secret-next-file"));
    }

    private static String one(Config config, String valueKey, String fileKey) {
        Optional<String> file = config.getOptionalValue(fileKey, String.class).filter(f -> !f.isBlank());
        if (file.isPresent()) {
            try {
                String fromFile = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
                if (!fromFile.isEmpty()) {
                    return fromFile;
                }
            } catch (IOException e) {
                LOG.warnf("cannot read %s (%s): %s", fileKey, file.get(), e.getClass().getSimpleName());
            }
        }
        return config.getOptionalValue(valueKey, String.class).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    /** {@code sha256:} and the first 8 hex characters of the secret's SHA-256 (spec {@code rules.md#psp-webhook} 11). */
    public static String fingerprint(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
