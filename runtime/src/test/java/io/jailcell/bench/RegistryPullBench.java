package io.jailcell.bench;

import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pull throughput from a loopback registry: {@code jailcell pull} into an empty store (a warm JVM, every blob
 * verified and fsynced into the store) against {@code skopeo copy docker://... oci:DIR} of the same image into an
 * empty layout, alternately, RUNS times each. The image (~MB MiB of random data in 4 layers on busybox) is built
 * and pushed first.
 *
 * <pre>{@code
 * java ... io.jailcell.bench.RegistryPullBench WORKDIR 127.0.0.1:5000 RUNS MB
 * }</pre>
 * Prints {@code registry-pull-jailcell median_ms=.. mb_per_s=..} and {@code registry-pull-skopeo ...}.
 */
public final class RegistryPullBench {
    private RegistryPullBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String host = args[1];
        int runs = Integer.parseInt(args[2]);
        int mb = Integer.parseInt(args[3]);
        io.jailcell.api.RegistryOptions options = io.jailcell.api.RegistryOptions.defaults();
        if (args.length > 4) {
            options = options.parallel(Integer.parseInt(args[4]));
        }
        String name = host + "/bench:1";
        Jailcell source = Jailcell.open(work.resolve("source"));
        var b = source.images().from("busybox");
        for (int i = 0; i < 4; i++) {
            b = b.run("head -c " + (mb << 20) / 4 + " /dev/urandom > /data" + i);
        }
        b.build(name);
        source.images().push(name);
        ImageInfo info = source.images().inspect(name);
        long bytes = 0;
        for (ImageInfo.Layer l : info.layers()) {
            bytes += l.size();
        }
        System.out.printf("image %s layers=%d bytes=%d%n", name, info.layers().size(), bytes);
        List<Double> jc = new ArrayList<>();
        List<Double> skopeo = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            Path store = work.resolve("pull-" + i);
            long t0 = System.nanoTime();
            Jailcell.open(store).images().pull(name, options);
            double jms = (System.nanoTime() - t0) / 1e6;
            Path layout = work.resolve("oci-" + i);
            t0 = System.nanoTime();
            Process p = new ProcessBuilder("skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + name,
                    "oci:" + layout + ":bench").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("skopeo copy failed");
            }
            double sms = (System.nanoTime() - t0) / 1e6;
            if (i > 0) { // the first round warms the JVM and the registry's page cache
                jc.add(jms);
                skopeo.add(sms);
            }
            new ProcessBuilder("rm", "-rf", store.toString(), layout.toString()).inheritIO().start().waitFor();
        }
        report("registry-pull-jailcell", jc, bytes);
        report("registry-pull-skopeo", skopeo, bytes);
        double ratio = median(skopeo) / median(jc);
        System.out.printf("registry-pull-ratio jailcell_speedup=%.2f%n", ratio);
    }

    private static void report(String what, List<Double> ms, long bytes) {
        double m = median(ms);
        System.out.printf("%s median_ms=%.1f min_ms=%.1f max_ms=%.1f mb_per_s=%.1f runs=%d%n", what, m,
                ms.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(0), bytes / 1048576.0 / (m / 1000), ms.size());
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
