package io.jailcell.kernel;

import io.jailcell.api.Jailcell;
import io.jailcell.kernel.magic.JailcellMagics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a magic adds over the API call it wraps: the cell split, the argument parse, the registry, and rendering
 * the result to text/html and text/plain, measured in-process (medians of 300 runs after 100 warm-up runs).
 */
class MagicOverheadIT {
    @TempDir
    Path store;

    @Test
    void aMagicAddsLessThan5MillisecondsToItsApiCall() {
        Jailcell jc = Jailcell.open(store);
        jc.images().inspect("busybox");     // the store and its busybox image exist before timing
        JailcellKernel kernel = JailcellKernel.builder().session(() -> null).extensionsEnabled(false).build();
        JailcellMagics.install(kernel, () -> jc);
        report("%image ls", kernel, () -> jc.images().list());
        report("%image inspect busybox", kernel, () -> jc.images().inspect("busybox"));
        report("%container ps -a", kernel, () -> jc.containers(true));
        report("%volume ls", kernel, jc::volumes);
    }

    private static void report(String magic, JailcellKernel kernel, Supplier<Object> api) {
        double apiMs = median(() -> api.get());
        double magicMs = median(() -> kernel.eval(magic));
        System.out.printf("%-24s api %.3f ms, magic %.3f ms, overhead %.3f ms%n", magic, apiMs, magicMs,
                magicMs - apiMs);
        assertThat(magicMs - apiMs).as("overhead of %s in ms", magic).isLessThan(5.0);
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 100; i++) {
            r.run();
        }
        long[] t = new long[300];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }
}
