package com.kobatela.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The benchmark's results: every run (flow, model, throughput, latency per request type, errors, convergence,
 * CPU seconds per flow), the stack's start time and RSS before/after, the references (direct calls, pgbench),
 * and the issue 9 targets checked against them. Printed as a table and written as JSON.
 */
public final class BenchReport {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private final Map<String, Object> references = new LinkedHashMap<>();
    private long errors;

    BenchReport(BenchMain.BenchConfig config) {
        root.put("started_at", Instant.now().toString());
        root.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        root.put("duration_s", config.duration().toSeconds());
        root.put("target", config.gatewayUrl() == null ? "local stack (JVM mode)" : config.gatewayUrl());
        root.put("runs", runs);
        root.put("references", references);
    }

    /** Total failed requests over all runs. */
    public long errors() {
        return errors;
    }

    /** The JSON tree (for tests). */
    public Map<String, Object> asMap() {
        return root;
    }

    void stackStarted(Duration total, Map<String, Duration> steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start_s", seconds(total));
        Map<String, Object> s = new LinkedHashMap<>();
        steps.forEach((k, v) -> s.put(k, seconds(v)));
        m.put("steps_s", s);
        root.put("stack", m);
    }

    void rssBefore(Map<String, ProcessProbe.Reading> readings) {
        root.put("rss_mb_before", rss(readings));
    }

    void rssAfter(Map<String, ProcessProbe.Reading> readings) {
        root.put("rss_mb_after", rss(readings));
    }

    /** Adds a run and returns its completed flows per second. */
    double addRun(Flow flow, BenchParams params, Duration elapsed, Path gatlingReport, Map<String, Double> cpuSeconds,
            Map<String, Convergence.Result> converged) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        long flows = Recorder.flows();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("flow", flow.id);
        run.put("path", params.direct() ? "direct" : "gateway");
        run.put("model", params.concurrency() > 0 ? "closed" : "open");
        run.put("concurrency", params.concurrency());
        run.put("rate_per_s", params.rate());
        run.put("elapsed_s", round(seconds));
        long requests = 0;
        long failed = 0;
        Map<String, Object> perRequest = new LinkedHashMap<>();
        for (Map.Entry<String, Recorder.RequestStats> e : Recorder.snapshot().entrySet()) {
            Map<String, Object> m = Latency.summary(e.getValue().micros);
            long ok = e.getValue().ok.sum();
            long ko = e.getValue().errors.sum();
            m.put("ok", ok);
            m.put("errors", ko);
            requests += ok + ko;
            failed += ko;
            perRequest.put(e.getKey(), m);
        }
        run.put("requests_per_s", round(requests / seconds));
        run.put("flows_per_s", round(flows / seconds));
        run.put("errors", failed);
        run.put("requests", perRequest);
        if (!converged.isEmpty()) {
            Map<String, Object> c = new LinkedHashMap<>();
            converged.forEach((k, v) -> c.put(k, v.summary()));
            run.put("convergence", c);
        }
        if (!cpuSeconds.isEmpty() && flows > 0) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            double total = 0;
            for (Map.Entry<String, Double> e : cpuSeconds.entrySet()) {
                cpu.put(e.getKey(), round(e.getValue() / flows * 1000));
                total += e.getValue();
            }
            cpu.put("total", round(total / flows * 1000));
            run.put("cpu_ms_per_flow", cpu);
        }
        run.put("gatling_report", gatlingReport.resolve("index.html").toString());
        runs.add(run);
        errors += failed;
        System.out.printf(Locale.ROOT, "[bench] %-15s %-7s %-6s c=%-3d rate=%-6.1f %8.1f req/s %7.1f flows/s errors=%d%n",
                flow.id, run.get("path"), run.get("model"), params.concurrency(), params.rate(), requests / seconds, flows / seconds, failed);
        return flows / seconds;
    }

    void pgbench(Double tps, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tps", tps);
        if (note != null) {
            m.put("note", note);
        }
        if (tps != null) {
            runs.stream().filter(r -> "escrow-deposit".equals(r.get("flow")) && "gateway".equals(r.get("path")))
                    .mapToDouble(r -> (double) r.get("flows_per_s")).max()
                    .ifPresent(best -> m.put("deposit_flows_per_s_over_pgbench_tps", round(best / tps)));
        }
        references.put("pgbench_deposit_transaction", m);
    }

    /** Prints the summary table and the targets of issue 9. */
    void print() {
        System.out.println();
        System.out.println("================ Kobatela benchmark ================");
        for (Map<String, Object> r : runs) {
            System.out.printf(Locale.ROOT, "%-15s %-7s %-6s c=%-3s rate=%-6s %9s req/s %8s flows/s errors=%s%n", r.get("flow"), r.get("path"),
                    r.get("model"), r.get("concurrency"), r.get("rate_per_s"), r.get("requests_per_s"), r.get("flows_per_s"), r.get("errors"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> reqs = (Map<String, Map<String, Object>>) r.get("requests");
            reqs.forEach((name, m) -> System.out.printf(Locale.ROOT, "    %-34s n=%-7s p50=%-8s p95=%-8s p99=%-8s max=%-8s ms%n", name,
                    m.get("count"), m.get("p50_ms"), m.get("p95_ms"), m.get("p99_ms"), m.get("max_ms")));
            if (r.containsKey("convergence")) {
                System.out.println("    convergence " + r.get("convergence"));
            }
            if (r.containsKey("cpu_ms_per_flow")) {
                System.out.println("    cpu ms/flow " + r.get("cpu_ms_per_flow"));
            }
        }
        gatewayOverhead();
        System.out.println("references  " + references);
        if (root.containsKey("stack")) {
            System.out.println("stack       " + root.get("stack"));
            System.out.println("rss before  " + root.get("rss_mb_before"));
            System.out.println("rss after   " + root.get("rss_mb_after"));
        }
        System.out.println("=====================================================");
    }

    /** p50 through the gateway minus p50 direct, per request type and concurrency (both runs present). */
    private void gatewayOverhead() {
        Map<String, Object> overhead = new LinkedHashMap<>();
        for (Map<String, Object> direct : runs) {
            if (!"direct".equals(direct.get("path"))) {
                continue;
            }
            for (Map<String, Object> gw : runs) {
                if ("gateway".equals(gw.get("path")) && gw.get("flow").equals(direct.get("flow"))
                        && gw.get("concurrency").equals(direct.get("concurrency"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> d = (Map<String, Map<String, Object>>) direct.get("requests");
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> g = (Map<String, Map<String, Object>>) gw.get("requests");
                    d.forEach((name, m) -> {
                        if (g.containsKey(name)) {
                            overhead.put(name + " c=" + gw.get("concurrency"),
                                    round((double) g.get(name).get("p50_ms") - (double) m.get("p50_ms")));
                        }
                    });
                }
            }
        }
        references.put("gateway_overhead_p50_ms", overhead);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        System.out.println("report: " + file);
    }

    private static Map<String, Object> rss(Map<String, ProcessProbe.Reading> readings) {
        Map<String, Object> m = new LinkedHashMap<>();
        readings.forEach((k, v) -> m.put(k, v.rssKb() < 0 ? null : round(v.rssKb() / 1024.0)));
        return m;
    }

    private static double seconds(Duration d) {
        return round(d.toMillis() / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
