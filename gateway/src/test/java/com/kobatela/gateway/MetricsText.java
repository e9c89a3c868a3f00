package com.kobatela.gateway;

/** Reads values out of a Prometheus text exposition (for the metrics tests). */
public final class MetricsText {

    private MetricsText() {
    }

    /**
     * Sum of the samples of {@code name} whose label set contains {@code labelFragment} (e.g. {@code reason="x"};
     * empty = every sample); 0 when there is none.
     */
    public static double value(String text, String name, String labelFragment) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String labels = line.substring(0, space);
            if (labels.contains(labelFragment)) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    /** True when the exposition has a sample of {@code name}. */
    public static boolean has(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return true;
            }
        }
        return false;
    }
}
