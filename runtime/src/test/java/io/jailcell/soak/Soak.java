package io.jailcell.soak;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import io.jailcell.api.NetworkInfo;
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
 * java -cp ... io.jailcell.soak.Soak STORE_DIR 1000 4 [NETWORK]   # NETWORK: bridge (the default) or none
 * </pre>
 */
public final class Soak {
    /** What a soak measured, and what it left on the host (store-specific leaks; host-wide counts reported). */
    public record Report(int containers, int failures, long millis, long heapBeforeBytes, long heapAfterBytes,
                         int fdsBefore, int fdsAfter, List<String> errors, HostState hostBefore,
                         HostState hostAfter, List<String> leaks) {
        @Override
        public String toString() {
            return String.format("%d containers (%d failed) in %.1f s; heap after GC %d KiB -> %d KiB; fds %d -> %d;"
                    + " leaks: %s%n  host before: %s%n  host after:  %s", containers, failures, millis / 1000.0,
                    heapBeforeBytes / 1024, heapAfterBytes / 1024, fdsBefore, fdsAfter,
                    leaks.isEmpty() ? "none" : leaks, hostBefore, hostAfter);
        }
    }

    private Soak() {
    }

    /**
     * Cycles {@code count} containers, {@code parallel} at a time, on the store at {@code root} opened as
     * {@code jc}; {@code network} null means {@code none}.
     */
    public static Report run(Jailcell jc, Path root, int count, int parallel, String network) throws Exception {
        cycle(jc, 0, network, new ArrayList<>()); // warm up: the image, the network, classes, the helper binary
        jc.awaitCleanup();
        HostState hostBefore = HostState.capture(root);
        long heapBefore = heapAfterGc();
        int fdsBefore = openFds();
        AtomicInteger failures = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                try {
                    cycle(jc, n, network, ids);
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
        long heapAfter = heapAfterGc();
        int fdsAfter = openFds();
        HostState hostAfter = HostState.capture(root);
        return new Report(count, failures.get(), millis, heapBefore, heapAfter, fdsBefore, fdsAfter, errors,
                hostBefore, hostAfter, hostAfter.leaks(hostBefore, ids));
    }

    private static void cycle(Jailcell jc, int n, String network, List<String> ids) {
        ContainerSpec spec = ContainerSpec.of("busybox", "sleep", "30").name("soak-" + n).memory("32m")
                .cpus(0.5).pidsLimit(32);
        if (network != null) {
            spec = spec.network(network);
        }
        Container c = jc.start(spec);
        ids.add(c.id());
        try {
            // With a network, eth0 has its address; without, there is no eth0.
            RunResult r = c.exec("sh", "-c", "echo $((6 * 7)) $(ip -o -4 addr show eth0 2>/dev/null | wc -l)");
            String expected = "42 " + (network == null || network.equals("none") ? 0 : 1) + "\n";
            if (!r.stdout().equals(expected)) {
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
        Path root = Path.of(args[0]);
        Jailcell jc = Jailcell.open(root);
        String network = args.length > 3 ? args[3] : "bridge";
        Report r = run(jc, root, Integer.parseInt(args[1]), Integer.parseInt(args[2]), network);
        System.out.println("network " + network + ": " + r);
        r.errors().forEach(e -> System.out.println("  " + e));
        List<String> leaks = new ArrayList<>(r.leaks());
        for (NetworkInfo n : jc.networks()) {
            jc.removeNetwork(n.name());
            // The network goes last: its bridge, and every rule it had, with it.
            if (Files.exists(Path.of("/sys/class/net", n.bridge()))) {
                leaks.add("bridge " + n.bridge() + " left after its network was removed");
            }
            leaks.addAll(io.jailcell.linux.net.NetworkRules.listed("jailcell:" + n.bridge()));
            System.out.println("network " + n.name() + " removed: bridge " + n.bridge() + " gone, no rule of it left");
        }
        // The runtime keeps the shared jailcell parent cgroups; a bench leaves the host as it found it.
        io.jailcell.linux.cgroup.CgroupManager.detect().pruneParent();
        System.out.println(leaks.isEmpty() ? "no leaks" : "LEAKS: " + leaks);
        System.exit(r.failures() == 0 && leaks.isEmpty() ? 0 : 1);
    }
}
