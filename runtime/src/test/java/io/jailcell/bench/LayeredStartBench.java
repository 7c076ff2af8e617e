package io.jailcell.bench;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.ExitStatus;
import io.jailcell.api.ImageBuilder;
import io.jailcell.api.Jailcell;
import io.jailcell.store.LocalImages;
import io.jailcell.store.StoreRoot;
import java.nio.file.Path;

/**
 * Start-to-exit latency of {@code true} in a 10-layer image (busybox and nine small RUN layers) next to busybox
 * itself (one layer), from a warm JVM, as {@code LayeredStartBench ROOT RUNS}: the image issue's target is that
 * the ten layers cost at most 2 ms more, because snapshots are reused and stacked as overlay lower dirs, never
 * copied (checked: the number of snapshots in the store does not change while containers start). Both images run
 * in every round, in alternating order (ABBA), with {@code --network none} as {@link StartLatencyBench} does, so
 * that CNI's noise does not bury a difference of milliseconds. Prints a line per image, the difference of the
 * medians and the median of the per-round differences. A benchmark, not a test: run it with
 * {@code bench/images.sh}.
 */
public final class LayeredStartBench {
    static final String TEN = "localhost/bench-ten:1";

    private LayeredStartBench() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Jailcell jc = Jailcell.open(root);
        int runs = Integer.parseInt(args[1]);
        ImageBuilder b = jc.images().from("busybox");
        for (int i = 0; i < 9; i++) {
            b = b.run("echo " + i + " > /layer" + i);
        }
        b.build(TEN);
        int layers = jc.images().inspect(TEN).layers().size();
        if (layers != 10 || jc.images().inspect("busybox").layers().size() != 1) {
            throw new IllegalStateException("expected 10 and 1 layers, got " + layers + " and "
                    + jc.images().inspect("busybox").layers().size());
        }
        ContainerSpec one = ContainerSpec.of("busybox", "true").network("none").autoRemove(true);
        ContainerSpec ten = ContainerSpec.of(TEN, "true").network("none").autoRemove(true);
        for (int i = 0; i < Math.max(20, runs / 5); i++) {
            check(jc.run(one, null, null));
            check(jc.run(ten, null, null));
        }
        LocalImages local = LocalImages.open(StoreRoot.at(root), true);
        int snapshots = local.snapshots().list().size();
        double[] msOne = new double[runs];
        double[] msTen = new double[runs];
        double[] diff = new double[runs];
        for (int i = 0; i < runs; i++) {
            boolean tenFirst = (i & 1) == 1;
            if (tenFirst) {
                msTen[i] = time(jc, ten);
                msOne[i] = time(jc, one);
            } else {
                msOne[i] = time(jc, one);
                msTen[i] = time(jc, ten);
            }
            diff[i] = msTen[i] - msOne[i];
        }
        if (local.snapshots().list().size() != snapshots) {
            throw new IllegalStateException("starting containers made snapshots: " + snapshots + " before, "
                    + local.snapshots().list().size() + " after; they must be reused");
        }
        BenchStats s1 = new BenchStats(msOne);
        BenchStats s10 = new BenchStats(msTen);
        System.out.println(s1.line("start-1-layer"));
        System.out.println(s10.line("start-10-layers"));
        System.out.printf("start-10-minus-1 median_diff_ms=%.2f paired_median_diff_ms=%.2f%n",
                s10.median() - s1.median(), new BenchStats(diff).median());
    }

    private static double time(Jailcell jc, ContainerSpec spec) {
        long t0 = System.nanoTime();
        check(jc.run(spec, null, null));
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void check(ExitStatus s) {
        if (!s.success()) {
            throw new IllegalStateException("benchmark container failed: " + s);
        }
    }
}
