package io.jailcell.bench;

import java.util.Arrays;

/** Order statistics of one benchmark's samples, printed in {@code shared/tools/anchor-bench}'s line format. */
final class BenchStats {
    private final double[] sorted;

    BenchStats(double[] ms) {
        sorted = ms.clone();
        Arrays.sort(sorted);
    }

    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile, {@code p} in 0..100. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(0);
    }

    double min() {
        return sorted[0];
    }

    /** {@code NAME median_ms=.. p90_ms=.. mean_ms=.. min_ms=.. n=..}. */
    String line(String name) {
        return String.format("%s median_ms=%.2f p90_ms=%.2f mean_ms=%.2f min_ms=%.2f n=%d", name, median(),
                percentile(90), mean(), min(), sorted.length);
    }
}
