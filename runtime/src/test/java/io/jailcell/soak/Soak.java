package io.jailcell.soak;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import io.jailcell.api.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Cycles containers through start, exec and removal, some at a time, and measures what the JVM holds before and
 * after: the soak of issue 9. {@code SoakIT} runs a short one in the test suite; {@code bench/soak.sh} the long one.
 *
 * <pre>
 * java -cp ... io.jailcell.soak.Soak STORE_DIR 1000 4 [NETWORK]
 * </pre>
 */
public final class Soak {
    /** What a soak measured. */
    public record Report(int containers, int failures, long millis, long heapBeforeBytes, long heapAfterBytes,
                         int fdsBefore, int fdsAfter, List<String> errors) {
        @Override
        public String toString() {
            return String.format("%d containers (%d failed) in %.1f s; heap after GC %d KiB -> %d KiB; fds %d -> %d",
                    containers, failures, millis / 1000.0, heapBeforeBytes / 1024, heapAfterBytes / 1024, fdsBefore,
                    fdsAfter);
        }
    }

    private Soak() {
    }

    public static Report run(Jailcell jc, int count, int parallel, String network) throws Exception {
        cycle(jc, 0, network); // warm up: the busybox image, classes, the helper binary
        jc.awaitCleanup();
        long heapBefore = heapAfterGc();
        int fdsBefore = openFds();
        AtomicInteger failures = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                try {
                    cycle(jc, n, network);
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    if (errors.size() < 10) {
                        errors.add(n + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        jc.awaitCleanup();
        return new Report(count, failures.get(), millis, heapBefore, heapAfterGc(), fdsBefore, openFds(), errors);
    }

    private static void cycle(Jailcell jc, int n, String network) {
        ContainerSpec spec = ContainerSpec.of("busybox", "sleep", "30").name("soak-" + n).memory("32m")
                .cpus(0.5).pidsLimit(32);
        if (network != null) {
            spec = spec.network(network);
        }
        Container c = jc.start(spec);
        try {
            RunResult r = c.exec("sh", "-c", "echo $((6 * 7))");
            if (!r.stdout().equals("42\n")) {
                throw new IllegalStateException("exec printed '" + r.stdout() + "' " + r.stderr());
            }
        } finally {
            c.remove(true);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static int openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        Report r = run(jc, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 ? args[3] : null);
        System.out.println(r);
        r.errors().forEach(e -> System.out.println("  " + e));
        System.exit(r.failures() == 0 ? 0 : 1);
    }
}
