package com.kobatela.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.gatling.app.Gatling$;

/**
 * Runs one Gatling simulation in this JVM (Gatling's own runner, HTML report included) and returns the folder of
 * its report.
 */
final class GatlingRun {

    private GatlingRun() {
    }

    /**
     * Runs {@code simulation} with {@code params}.
     *
     * @param resultsDir  Gatling's results folder (one sub-folder per run)
     * @param description run description shown in the report
     * @return the report folder of this run
     * @throws IllegalStateException when Gatling fails to run
     */
    static Path run(Class<?> simulation, BenchParams params, Path resultsDir, String description) throws IOException {
        params.export();
        Files.createDirectories(resultsDir);
        int code = Gatling$.MODULE$.fromArgs(new String[] {"--simulation", simulation.getName(), "--results-folder",
                resultsDir.toString(), "--run-description", description});
        if (code != 0) {
            throw new IllegalStateException("Gatling run of " + simulation.getSimpleName() + " ended with status " + code);
        }
        try (Stream<Path> runs = Files.list(resultsDir)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(GatlingRun::modified))
                    .orElseThrow(() -> new IllegalStateException("no Gatling report in " + resultsDir));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
