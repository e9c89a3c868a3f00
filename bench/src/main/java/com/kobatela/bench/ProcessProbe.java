package com.kobatela.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time and resident memory of the stack's processes, read from the OS ({@link ProcessHandle} for CPU,
 * {@code /proc/<pid>/status} VmRSS for memory). Linux only for RSS; elsewhere RSS is reported as absent.
 */
final class ProcessProbe {

    /** One reading of a process. */
    record Reading(Duration cpu, long rssKb) {
    }

    private final Map<String, Long> pids;

    /** @param pids process id by service name */
    ProcessProbe(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    /** Reads every process now; processes that are gone are left out. */
    Map<String, Reading> read() {
        Map<String, Reading> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration())
                .ifPresent(cpu -> out.put(name, new Reading(cpu, rssKb(pid).orElse(-1L)))));
        return out;
    }

    /** CPU seconds used by each process between two readings. */
    static Map<String, Double> cpuSeconds(Map<String, Reading> before, Map<String, Reading> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, r) -> {
            Reading b = before.get(name);
            if (b != null) {
                out.put(name, (r.cpu().toNanos() - b.cpu().toNanos()) / 1e9);
            }
        });
        return out;
    }

    private static Optional<Long> rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
