package org.annotationlab.webui.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The figures a benchmark reports over its samples: median, nearest-rank percentiles, spread. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(sorted.size() * p / 100.0);
        return sorted.get(Math.max(0, rank - 1));
    }

    static double min(List<Double> values) {
        return Collections.min(values);
    }

    static double max(List<Double> values) {
        return Collections.max(values);
    }

    /** "812 ms (790–850)": the median and the range. */
    static String medianAndRange(List<Double> values) {
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", median(values), min(values), max(values));
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
