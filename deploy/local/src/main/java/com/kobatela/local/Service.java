package com.kobatela.local;

import java.util.Arrays;
import java.util.Locale;

/** The processes of the local stack that are Quarkus apps, in start order. */
public enum Service {
    /** PSP simulator. */
    PSP_SANDBOX("psp-sandbox", "deploy/psp-sandbox", 8090, null),
    /** Escrows, deposits, milestones. */
    ESCROW("escrow-service", "escrow-service", 8081, "kobatela_escrow"),
    /** Mandates, spend, payees, transfers. */
    SPEND("spend-service", "spend-service", 8082, "kobatela_spend"),
    /** Proofs. */
    PROOF("proof-service", "proof-service", 8083, "kobatela_proof"),
    /** Payments, ledger, PSP client. */
    PAYMENT("payment-service", "payment-service", 8084, "kobatela_payment"),
    /** Public entry point: users, API keys, routing. */
    GATEWAY("gateway", "gateway", 8080, "kobatela_gateway");

    private final String id;
    private final String moduleDir;
    private final int defaultPort;
    private final String database;

    Service(String id, String moduleDir, int defaultPort, String database) {
        this.id = id;
        this.moduleDir = moduleDir;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    /** Short name, as in logs and in {@code --services}: {@code gateway}, {@code psp-sandbox}, ... */
    public String id() {
        return id;
    }

    /** The Maven module directory, relative to the repository root. */
    public String moduleDir() {
        return moduleDir;
    }

    /** The HTTP port used when none is given. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The service's own PostgreSQL database, or {@code null} for the PSP sandbox. */
    public String database() {
        return database;
    }

    /** Finds a service by {@link #id()} (case-insensitive). */
    public static Service byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + id + "', expected one of "
                        + Arrays.stream(values()).map(Service::id).toList()));
    }
}
