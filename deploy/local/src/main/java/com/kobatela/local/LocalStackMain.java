package com.kobatela.local;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Command line of the local stack ({@code deploy/local/run.sh}): starts everything, prints the gateway
 * URL and the admin API key, and stops everything on Ctrl-C.
 *
 * <p>Options: {@code --services=gateway,escrow-service,...} (default: all), {@code --fresh} (wipe the
 * embedded database and broker data first). Environment: {@code KOBATELA_PG_URL} to use an existing
 * PostgreSQL server.
 */
public final class LocalStackMain {

    static {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s [%3$s] %5$s%6$s%n");
        }
    }

    private LocalStackMain() {
    }

    /** Starts the stack and blocks until the JVM is stopped. */
    public static void main(String[] args) throws Exception {
        LocalStack.Options options = LocalStack.Options.defaults();
        for (String arg : args) {
            if (arg.startsWith("--services=")) {
                Set<Service> only = EnumSet.noneOf(Service.class);
                Arrays.stream(arg.substring("--services=".length()).split(","))
                        .filter(s -> !s.isBlank()).map(Service::byId).forEach(only::add);
                options = options.withServices(only);
            } else if (arg.equals("--fresh")) {
                options = options.withFreshData(true);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: deploy/local/run.sh [--services=" + Arrays.stream(Service.values())
                        .map(Service::id).collect(Collectors.joining(",")) + "] [--fresh]");
                return;
            } else {
                System.err.println("unknown argument " + arg + " (try --help)");
                System.exit(2);
            }
        }

        LocalStack.Running stack;
        try {
            stack = new LocalStack(options).start();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("\nlocal stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        printBanner(stack);
        // User-facing note; LocalStack's own hook does the stopping (JUL is already shut down by then).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("\nStopping the local stack...")));
        // The shutdown hook registered by LocalStack stops everything on Ctrl-C / SIGTERM.
        new CountDownLatch(1).await();
    }

    private static void printBanner(LocalStack.Running stack) {
        StringBuilder b = new StringBuilder("\n=== Kobatela local stack is up ===\n");
        if (stack.services().contains(Service.GATEWAY)) {
            b.append("  gateway          ").append(stack.gatewayUrl()).append('\n');
            b.append("  admin API key    ").append(stack.adminKey()).append('\n');
        }
        List<Service> others = stack.services().stream().filter(s -> s != Service.GATEWAY).toList();
        for (Service s : others) {
            b.append(String.format("  %-16s %s%n", s.id(), stack.serviceUrl(s)));
        }
        b.append("  kafka            ").append(stack.kafkaBootstrapServers()).append('\n');
        b.append("  postgres         ").append(stack.postgres().host()).append(':').append(stack.postgres().port())
                .append(" user ").append(stack.postgres().user()).append('\n');
        b.append("  logs             ").append(stack.options().logDir()).append('\n');
        b.append("  start-up         ").append(stack.timings().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").collect(Collectors.joining(", ")))
                .append('\n');
        b.append("Press Ctrl-C to stop everything.\n");
        System.out.println(b);
    }
}
