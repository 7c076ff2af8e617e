package io.jailcell.bench;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.ExitStatus;
import io.jailcell.api.Jailcell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Start-to-exit latency of {@code true} in busybox from a warm JVM through the public API, as
 * {@code StartLatencyBench ROOT RUNS}: prints {@code jailcell-api median_ms=.. mean_ms=.. min_ms=..} in the format of
 * {@code shared/tools/anchor-bench}, which times crun and runc on the same kind of rootfs. A benchmark, not a test:
 * run it with {@code bench/start-latency.sh}, which puts both in one run and prints the ratios.
 */
public final class StartLatencyBench {
    private StartLatencyBench() {
    }

    public static void main(String[] args) throws IOException {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        ContainerSpec spec = ContainerSpec.of("busybox", "true").network("none").autoRemove(true);
        // Warm means compiled: the start path's hot methods reach C2 after a couple of hundred starts, as they do in
        // a notebook's kernel after a while. With 20 starts only, the median measured 2-3 ms higher.
        for (int i = 0; i < Math.max(200, runs); i++) {
            check(jc.run(spec, null, null));
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            check(jc.run(spec, null, null));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
        System.out.printf("jailcell-api median_ms=%.2f mean_ms=%.2f min_ms=%.2f%n", median,
                Arrays.stream(ms).average().orElse(0), ms[0]);
        System.out.println("helper-rss kb=" + helperRssKb(jc));
    }

    /** VmRSS of the host-side helper of a running container: the runtime's whole per-container cost on the host. */
    private static long helperRssKb(Jailcell jc) throws IOException {
        Container c = jc.start(ContainerSpec.of("busybox", "sleep", "30").network("none"));
        try {
            long helper = ProcessHandle.of(c.inspect().pid()).flatMap(ProcessHandle::parent).orElseThrow().pid();
            return Files.readAllLines(Path.of("/proc", Long.toString(helper), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElseThrow();
        } finally {
            c.remove(true);
        }
    }

    private static void check(ExitStatus s) {
        if (!s.success()) {
            throw new IllegalStateException("benchmark container failed: " + s);
        }
    }
}
