package com.kobatela.gateway.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.kobatela.gateway.client.UpstreamProxy;
import com.kobatela.gateway.domain.Upstream;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /health} (spec {@code api.md#1.1}): public, always 200. Every field of the spec is present: database
 * and migration state of the gateway's own database ({@link GatewayDatabaseCheck}), PSP webhook and feature facts
 * from configuration (payment-service and proof-service own them; the gateway reports what it is configured with),
 * no scheduler here (the gateway runs no jobs), plus {@code services}: each upstream's readiness
 * ({@code /q/health/ready}). {@code status} is {@code ok} only when the database is up, migrations are at head and
 * every upstream is ready; otherwise {@code degraded}.
 */
@Path("/health")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private static final List<Upstream> UPSTREAMS = List.of(Upstream.ESCROW, Upstream.SPEND, Upstream.PROOF, Upstream.PAYMENT);

    @Inject
    GatewayDatabaseCheck database;

    @Inject
    UpstreamProxy upstreams;

    @ConfigProperty(name = "kobatela.psp.webhook-secret")
    Optional<String> pspSecret;

    @ConfigProperty(name = "kobatela.psp.webhook-secret-next")
    Optional<String> pspSecretNext;

    @ConfigProperty(name = "kobatela.features.ocr-enabled", defaultValue = "false")
    boolean ocrEnabled;

    @ConfigProperty(name = "kobatela.features.ai-proof-enabled", defaultValue = "false")
    boolean aiProofEnabled;

    @ConfigProperty(name = "kobatela.features.stripe-enabled", defaultValue = "false")
    boolean stripeEnabled;

    @ConfigProperty(name = "kobatela.features.stripe-connect-enabled", defaultValue = "false")
    boolean stripeConnectEnabled;

    /** The health document; never fails (a failing check reports its state instead). */
    @GET
    public Uni<Map<String, Object>> health() {
        Uni<GatewayDatabaseCheck.State> db = database.check();
        Uni<Map<String, Object>> services = Uni.join().all(UPSTREAMS.stream().map(this::probe).toList()).andFailFast()
                .map(list -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (int i = 0; i < UPSTREAMS.size(); i++) {
                        out.put(UPSTREAMS.get(i).key() + "-service", list.get(i));
                    }
                    return out;
                });
        return Uni.combine().all().unis(db, services).asTuple().map(t -> document(t.getItem1(), t.getItem2()));
    }

    private Uni<Map<String, Object>> probe(Upstream u) {
        return upstreams.ready(u).onFailure().recoverWithItem(false)
                .map(ready -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ready", ready);
                    m.put("status", ready ? "up" : "down");
                    return m;
                });
    }

    private Map<String, Object> document(GatewayDatabaseCheck.State db, Map<String, Object> services) {
        boolean servicesReady = services.values().stream().allMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("ready")));
        String primary = pspSecret.filter(s -> !s.isBlank()).orElse(null);
        String next = pspSecretNext.filter(s -> !s.isBlank()).orElse(null);
        int secrets = (primary != null ? 1 : 0) + (next != null ? 1 : 0);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", db.dbOk() && db.migrationsOk() && servicesReady ? "ok" : "degraded");
        doc.put("psp_webhook_configured", secrets > 0);
        doc.put("psp_webhook_secret_status", secrets == 0 ? "missing" : secrets == 1 ? "partial" : "ok");
        Map<String, Object> fingerprints = new LinkedHashMap<>();
        fingerprints.put("primary", fingerprint(primary));
        fingerprints.put("next", fingerprint(next));
        doc.put("psp_webhook_secret_fingerprints", fingerprints);
        Map<String, Object> stripe = new LinkedHashMap<>();
        stripe.put("enabled", stripeEnabled);
        stripe.put("connect_enabled", stripeConnectEnabled);
        stripe.put("webhook_configured", false);
        stripe.put("api_key_configured", false);
        doc.put("stripe", stripe);
        doc.put("ocr_enabled", ocrEnabled);
        doc.put("ai_proof_enabled", aiProofEnabled);
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("calls", 0);
        ai.put("errors", 0);
        ai.put("failure_count", 0);
        ai.put("circuit_open", false);
        doc.put("ai_metrics", ai);
        doc.put("ai_stats", new LinkedHashMap<>(ai));
        Map<String, Object> ocr = new LinkedHashMap<>();
        ocr.put("calls", 0);
        ocr.put("errors", 0);
        doc.put("ocr_metrics", ocr);
        doc.put("scheduler_config_enabled", false);
        doc.put("scheduler_running", false);
        doc.put("db_ok", db.dbOk());
        doc.put("db_status", db.dbOk() ? "ok" : "error");
        doc.put("migrations_ok", db.migrationsOk());
        doc.put("migrations_status", db.migrationsStatus());
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("status", "none");
        lock.put("owner", null);
        lock.put("present", false);
        lock.put("age_seconds", null);
        lock.put("expires_in_seconds", null);
        lock.put("stale", false);
        doc.put("scheduler_lock", lock);
        Map<String, Object> kct = new LinkedHashMap<>();
        kct.put("enabled", true);
        kct.put("note", "KCT Public Sector routes are served by escrow-service.");
        doc.put("features", Map.of("kct_public", kct));
        doc.put("services", services);
        return doc;
    }

    /** First 8 hex characters of the SHA-256 of a secret, or null. */
    static String fingerprint(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
