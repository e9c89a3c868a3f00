package com.kobatela.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Webhook secrets in files ({@code kobatela.psp.webhook.secret-file}, {@code secret-next-file}), as a mounted Kubernetes
 * Secret would provide them: tests rewrite the files to rotate or remove secrets while the service runs (the test
 * profile re-reads them on every call). The primary starts as {@link #PRIMARY}, the next secret empty.
 */
public class WebhookSecretFiles implements QuarkusTestResourceLifecycleManager {

    /** The primary secret at start. */
    public static final String PRIMARY = "primary-" + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("kobatela-psp-secrets");
            Path primary = dir.resolve("primary");
            Path next = dir.resolve("next");
            Files.writeString(primary, PRIMARY + "\n", StandardCharsets.UTF_8);
            Files.writeString(next, "", StandardCharsets.UTF_8);
            dir.toFile().deleteOnExit();
            primary.toFile().deleteOnExit();
            next.toFile().deleteOnExit();
            return Map.of("kobatela.psp.webhook.secret-file", primary.toString(), "kobatela.psp.webhook.secret-next-file", next.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // temp files are deleted at exit
    }

    /** Writes the primary and next secrets (null: empty file, i.e. unset). */
    public static void set(String primary, String next) {
        write("kobatela.psp.webhook.secret-file", primary);
        write("kobatela.psp.webhook.secret-next-file", next);
    }

    /** Back to the start: primary {@link #PRIMARY}, no next secret. */
    public static void reset() {
        set(PRIMARY, null);
    }

    private static void write(String key, String value) {
        Path file = Path.of(ConfigProvider.getConfig().getValue(key, String.class));
        try {
            Files.writeString(file, value == null ? "" : value, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
