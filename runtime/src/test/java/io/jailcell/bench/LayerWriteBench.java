package io.jailcell.bench;

import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import io.jailcell.store.layer.WrittenLayer;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Not a timed test: {@code java -cp ... io.jailcell.bench.LayerWriteBench <dir> [threads]} prints how long
 * {@code LayerWriter.fromTree} takes (walk, tar, gzip, both digests), to compare with
 * {@code tar -c | gzip | sha256sum} on the same tree.
 */
public final class LayerWriteBench {
    private LayerWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        LayerOptions options = LayerOptions.reproducible().withThreads(threads);
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            WrittenLayer layer = LayerWriter.fromTree(dir, options).writeTo(OutputStream.nullOutputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d, %d threads: %d ms, tar %d MB -> gzip %d MB, %s%n", run, threads, millis,
                    layer.uncompressedSize() >> 20, layer.size() >> 20, layer.digest());
        }
    }
}
