package com.kobatela.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.kobatela.testsupport.ServiceTestProfile;

/**
 * The gateway's test profile: the standard real PostgreSQL + Kafka + JWT keys, a fake upstream HTTP server for
 * escrow-service and payment-service, a refused port for spend-service, the admin bootstrap on with a temp key
 * file, and a configured legacy key while {@code KOB_ENV} stays {@code prod}.
 */
public class GatewayTestProfile extends ServiceTestProfile {

    /**
     * Where the bootstrap writes the admin key (parent created by the bootstrap). Kept in a JVM system property
     * because this class is loaded by more than one class loader during a test run.
     */
    public static final Path ADMIN_KEY_FILE = Path.of(adminKeyFile());
    /** The configured legacy dev key value. */
    public static final String LEGACY_KEY = "legacy-dev-value-for-tests";

    private static synchronized String adminKeyFile() {
        String name = "kobatela.test.admin-key-file";
        String value = System.getProperty(name);
        if (value == null) {
            value = Path.of(System.getProperty("java.io.tmpdir"), "kobatela-gw-" + UUID.randomUUID(), "nested", "admin-api-key").toString();
            System.setProperty(name, value);
        }
        return value;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> list = new ArrayList<>(super.testResources());
        list.add(new TestResourceEntry(FakeUpstreamResource.class));
        return list;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kobatela.bootstrap-admin.enabled", "true",
                "kobatela.bootstrap-admin.key-file", ADMIN_KEY_FILE.toString(),
                "kobatela.legacy-key", LEGACY_KEY,
                "kobatela.env", "prod");
    }
}
