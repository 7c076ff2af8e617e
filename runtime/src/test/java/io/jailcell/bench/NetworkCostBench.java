package io.jailcell.bench;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a bridge network adds to a container's start, from a warm JVM: {@code NetworkCostBench ROOT RUNS} runs
 * {@code true} in busybox with {@code --network none}, {@code bridge} and {@code bridge -p 127.0.0.1::80}
 * interleaved (so the machine's noise hits all alike) and prints each median. The bridge runs include CNI ADD
 * (bridge + host-local, portmap) before the program starts and DEL after it exits.
 */
public final class NetworkCostBench {
    private NetworkCostBench() {
    }

    public static void main(String[] args) {
        Jailcell jc = Jailcell.open(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        ContainerSpec none = ContainerSpec.of("busybox", "true").network("none").autoRemove(true);
        ContainerSpec bridge = none.network("bridge");
        ContainerSpec ports = bridge.publish("127.0.0.1::80");
        ContainerSpec[] specs = {none, bridge, ports};
        String[] names = {"none", "bridge", "bridge+port"};
        double[][] ms = new double[specs.length][runs];
        for (int i = 0; i < 10; i++) {
            for (ContainerSpec s : specs) {
                jc.run(s, null, null);
            }
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < specs.length; k++) {
                long t0 = System.nanoTime();
                if (!jc.run(specs[k], null, null).success()) {
                    throw new IllegalStateException("benchmark container failed");
                }
                ms[k][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        for (int k = 0; k < specs.length; k++) {
            Arrays.sort(ms[k]);
            System.out.printf("%-12s median_ms=%.1f min_ms=%.1f p90_ms=%.1f%n", names[k], ms[k][runs / 2], ms[k][0],
                    ms[k][runs * 9 / 10]);
        }
        jc.removeNetwork("jailcell");
    }
}
