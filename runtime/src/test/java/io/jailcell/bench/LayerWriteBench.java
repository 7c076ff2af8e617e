package io.jailcell.bench;

import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import io.jailcell.store.layer.WrittenLayer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long {@code LayerWriter.fromTree} takes to make a layer (walk, tar, gzip level 6, both digests) from a warm
 * JVM, as {@code LayerWriteBench DIR [THREADS[,THREADS..] [RUNS [REFERENCE]]]}. With REFERENCE (a shell pipeline,
 * e.g. {@code tar -C DIR -c . | gzip -6 | sha256sum}) each round runs the pipeline and LayerWriter once per thread
 * count, rotating the order, so both sides see the same page cache and the same machine noise; one untimed round
 * first. Prints a line per run and one summary line per subject ({@code layer-write-Nt}, {@code reference}). A
 * benchmark, not a test: {@code bench/images.sh} makes a 200 MB tree and runs it.
 */
public final class LayerWriteBench {
    private LayerWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Integer> threads = new ArrayList<>();
        for (String t : (args.length > 1 ? args[1] : Integer.toString(Runtime.getRuntime().availableProcessors()))
                .split(",")) {
            threads.add(Integer.parseInt(t));
        }
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String reference = args.length > 3 ? args[3] : null;
        List<String> names = new ArrayList<>();
        for (int t : threads) {
            names.add("layer-write-" + t + "t");
        }
        if (reference != null) {
            names.add("reference");
        }
        double[][] ms = new double[names.size()][runs];
        String digest = null;
        for (int round = -1; round < runs; round++) {
            for (int k = 0; k < names.size(); k++) {
                int s = Math.floorMod(k + round, names.size());   // rotate who goes first
                long t0 = System.nanoTime();
                String what;
                if (s < threads.size()) {
                    LayerOptions o = LayerOptions.reproducible().withLevel(6).withThreads(threads.get(s));
                    WrittenLayer layer = LayerWriter.fromTree(dir, o).writeTo(OutputStream.nullOutputStream());
                    if (digest != null && !digest.equals(layer.digest().toString())) {
                        throw new IllegalStateException("the layer changed between runs: " + layer.digest());
                    }
                    digest = layer.digest().toString();
                    what = String.format("tar %d MB -> gzip %d MB, %s", layer.uncompressedSize() >> 20,
                            layer.size() >> 20, layer.digest());
                } else {
                    shell(reference);
                    what = reference;
                }
                double took = (System.nanoTime() - t0) / 1e6;
                if (round >= 0) {
                    ms[s][round] = took;
                }
                System.out.printf("run %s %s %.0f ms: %s%n", round < 0 ? "warmup" : Integer.toString(round),
                        names.get(s), took, what);
            }
        }
        for (int s = 0; s < names.size(); s++) {
            System.out.println(new BenchStats(ms[s]).line(names.get(s)));
        }
    }

    private static void shell(String pipeline) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", pipeline)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the reference failed (exit " + p.exitValue() + "): " + pipeline);
        }
    }
}
