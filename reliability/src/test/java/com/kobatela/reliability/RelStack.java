package com.kobatela.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.kobatela.local.LocalStack;
import com.kobatela.local.Service;
import com.kobatela.local.e2e.E2eHttp;

/**
 * The reliability suite's own local stack (fresh data, free ports, under {@code reliability/target/stack}), started
 * on first use and stopped at JVM exit. Separate from the end-to-end tests' stack because fault tests kill and
 * restart its processes.
 */
final class RelStack {

    private static LocalStack.Running running;
    private static RuntimeException failure;

    private RelStack() {
    }

    /** The running stack; a start failure is rethrown to every caller. */
    static synchronized LocalStack.Running get() {
        if (failure != null) {
            throw new IllegalStateException("the reliability stack failed to start earlier in this run", failure);
        }
        if (running == null) {
            try {
                LocalStack.Options defaults = LocalStack.Options.defaults();
                running = new LocalStack(defaults.withWorkDir(defaults.repoRoot().resolve("reliability/target/stack"))
                        .withFreshData(true).withFreePorts()).start();
            } catch (Exception e) {
                failure = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                throw failure;
            }
        }
        return running;
    }

    /** A gateway client without credentials. */
    static E2eHttp gateway() {
        return new E2eHttp(get().gatewayUrl());
    }

    /** A gateway client with the admin key. */
    static E2eHttp admin() {
        return gateway().withApiKey(get().adminKey());
    }

    /** A client calling a service directly (no gateway). */
    static E2eHttp direct(Service service) {
        return new E2eHttp(get().serviceUrl(service));
    }

    /** A JDBC connection to a service's database ({@code kobatela_<service>}). */
    static Connection jdbc(Service service) throws SQLException {
        var pg = get().postgres();
        return DriverManager.getConnection(pg.jdbcUrl(service.database()), pg.user(), pg.password());
    }
}
