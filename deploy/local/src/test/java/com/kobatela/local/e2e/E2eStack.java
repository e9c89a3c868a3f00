package com.kobatela.local.e2e;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The one local stack of an end-to-end test run: started on first use, closed at JVM exit (the
 * launcher's shutdown hook). Fresh data and free ports under {@code deploy/local/target/e2e}, so it
 * never touches the developer's stack ({@code run.sh}) or its data.
 *
 * <p>System properties (pass them to Maven with {@code -D}): {@code kobatela.e2e.services}
 * (comma-separated service ids, default all), {@code kobatela.e2e.pg-url} (an existing PostgreSQL
 * server; default env {@code KOBATELA_PG_URL}, else embedded).
 */
public final class E2eStack {

    private static final Logger LOG = Logger.getLogger(E2eStack.class.getName());
    private static LocalStack.Running running;
    private static RuntimeException failure;

    private E2eStack() {
    }

    /** The running stack, started on the first call; a start failure is rethrown to every caller. */
    public static synchronized LocalStack.Running get() {
        if (failure != null) {
            throw new IllegalStateException("the local stack failed to start earlier in this run", failure);
        }
        if (running == null) {
            try {
                LocalStack.Options options = options();
                LOG.info("starting the e2e stack: " + options.services() + " in " + options.workDir());
                running = new LocalStack(options).start();
            } catch (Exception e) {
                failure = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw failure;
            }
        }
        return running;
    }

    /** The options of the e2e stack. */
    static LocalStack.Options options() {
        LocalStack.Options defaults = LocalStack.Options.defaults();
        LocalStack.Options options = defaults
                .withWorkDir(defaults.repoRoot().resolve("deploy/local/target/e2e"))
                .withFreshData(true)
                .withFreePorts();
        String pgUrl = System.getProperty("kobatela.e2e.pg-url");
        if (pgUrl != null && !pgUrl.isBlank()) {
            options = options.withExternalPgUrl(pgUrl);
        }
        String only = System.getProperty("kobatela.e2e.services");
        if (only != null && !only.isBlank()) {
            Set<Service> services = EnumSet.noneOf(Service.class);
            Arrays.stream(only.split(",")).filter(s -> !s.isBlank()).map(Service::byId).forEach(services::add);
            options = options.withServices(services);
        }
        return options;
    }
}
