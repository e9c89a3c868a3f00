package com.kobatela.gateway.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The API-key HMAC secret {@code SECRET_KEY} ({@code kobatela.api-key.secret}, spec {@code rules.md#api-keys},
 * {@code #config}, ARCHITECTURE §7). In the {@code prod} profile the service refuses to start when the secret is
 * unset, shorter than {@value #MIN_LENGTH} characters, or a known default ({@code change-me}, the dev default);
 * other profiles (dev, local, test) fall back to a dev-only default. Rotating the secret invalidates every key.
 */
@ApplicationScoped
public class SecretKeyPolicy {

    /** Minimum length of a production secret (characters). */
    public static final int MIN_LENGTH = 32;
    /** The dev-only default, refused in prod. */
    public static final String DEV_DEFAULT = "dev-only-kobatela-api-key-secret-do-not-use-in-prod";
    private static final Set<String> KNOWN_DEFAULTS = Set.of("change-me", DEV_DEFAULT);
    private static final Logger LOG = Logger.getLogger(SecretKeyPolicy.class);

    @ConfigProperty(name = "kobatela.api-key.secret")
    Optional<String> configured;

    private volatile String secret;

    /**
     * Checks a secret for the given profile.
     *
     * @param prod       true in the prod profile
     * @param configured the configured secret, empty when unset
     * @return the secret to use
     * @throws IllegalStateException in prod when the secret is unset, too short or a known default
     */
    public static String resolve(boolean prod, Optional<String> configured) {
        String value = configured.filter(s -> !s.isBlank()).orElse(null);
        if (!prod) {
            return value != null ? value : DEV_DEFAULT;
        }
        if (value == null) {
            throw new IllegalStateException("SECRET_KEY (kobatela.api-key.secret) is not set; the prod profile refuses to start without it.");
        }
        if (KNOWN_DEFAULTS.contains(value)) {
            throw new IllegalStateException("SECRET_KEY is a known default value; set a random secret of at least "
                    + MIN_LENGTH + " characters.");
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("SECRET_KEY is shorter than " + MIN_LENGTH + " characters.");
        }
        return value;
    }

    /** True when the active profiles include {@code prod}. */
    public static boolean prodProfile(List<String> profiles) {
        return profiles.contains("prod");
    }

    /** Fails the start early (prod) when the secret is unacceptable. */
    void onStart(@Observes @Priority(1) StartupEvent ev) {
        secret();
    }

    /** The secret in use (resolved once). */
    public String secret() {
        String s = secret;
        if (s == null) {
            boolean prod = prodProfile(ConfigUtils.getProfiles());
            s = resolve(prod, configured);
            if (!prod && DEV_DEFAULT.equals(s)) {
                LOG.warn("SECRET_KEY not set: using the dev-only default API-key secret (refused in prod)");
            }
            secret = s;
        }
        return s;
    }
}
