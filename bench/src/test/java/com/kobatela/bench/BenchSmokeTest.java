package com.kobatela.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke mode, run by {@code ./mvnw verify} so the benchmark never rots: a few seconds per step on a
 * fresh local stack; every run must complete flows with zero errors and report its figures.
 */
class BenchSmokeTest {

    @Test
    @SuppressWarnings("unchecked")
    void smokeRunReportsEveryFlowWithoutErrors() throws Exception {
        Path root = Path.of(System.getProperty("kobatela.repo.root", "..")).toAbsolutePath().normalize();
        BenchReport report = BenchMain.run(BenchMain.BenchConfig.parse(new String[] {"--smoke"}, root));

        assertEquals(0, report.errors(), "failed requests in the smoke run");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) report.asMap().get("runs");
        for (Flow flow : Flow.values()) {
            assertTrue(runs.stream().anyMatch(r -> flow.id.equals(r.get("flow")) && "closed".equals(r.get("model"))), flow.id + " closed");
            assertTrue(runs.stream().anyMatch(r -> flow.id.equals(r.get("flow")) && "open".equals(r.get("model"))), flow.id + " open");
        }
        for (Map<String, Object> run : runs) {
            assertTrue((double) run.get("flows_per_s") > 0, "no completed flow in " + run);
            assertFalse(((Map<String, Object>) run.get("requests")).isEmpty(), "no request recorded in " + run);
            assertTrue(Files.exists(Path.of((String) run.get("gatling_report"))), "Gatling HTML report of " + run);
        }
        Map<String, Object> deposits = runs.stream().filter(r -> r.containsKey("convergence")).findFirst()
                .map(r -> (Map<String, Object>) ((Map<String, Object>) r.get("convergence")).get("deposit_to_ledger")).orElseThrow();
        assertEquals(0L, deposits.get("not_converged"), "deposits never credited in the ledger");
        assertTrue(Files.exists(root.resolve("bench/target/bench-report.json")));
    }
}
