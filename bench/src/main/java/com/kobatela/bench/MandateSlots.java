package com.kobatela.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The (sender, beneficiary) pairs of the purchase flow. At most one ACTIVE mandate may exist per pair and currency
 * (spec {@code rules.md#mandates}), so a flow borrows a pair, creates a mandate it fully consumes with its purchases
 * (the mandate becomes CONSUMED), and gives the pair back; a failed flow keeps its pair out (its mandate may still be
 * ACTIVE). One pair per feeder row: at least as many rows as concurrent flows.
 */
public final class MandateSlots {

    private static final ConcurrentLinkedQueue<String[]> FREE = new ConcurrentLinkedQueue<>();
    private static volatile String loadedFrom;

    private MandateSlots() {
    }

    /** Borrows a pair: {@code [sender_key, client_id, provider_id]}, or null when every pair is in use. */
    public static String[] borrow(String feederCsv) {
        load(feederCsv);
        return FREE.poll();
    }

    /** Gives a pair back after a successful flow. */
    public static void giveBack(String[] pair) {
        if (pair != null) {
            FREE.add(pair);
        }
    }

    private static synchronized void load(String csv) {
        if (csv.equals(loadedFrom)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(csv), StandardCharsets.UTF_8);
            FREE.clear();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                FREE.add(new String[] {f[0], f[3], f[4]});
            }
            loadedFrom = csv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
