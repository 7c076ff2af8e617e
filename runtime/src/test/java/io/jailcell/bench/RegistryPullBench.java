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
 * empty layout (skopeo, too, verifies each blob's digest and fsyncs it before renaming it into place), RUNS times
 * each, in alternating order. The image (~MB MiB of random data in 4 layers on busybox) is built and pushed first.
 * Every run is printed with both sides' wall and CPU time, then the medians.
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
        List<Double> jcCpu = new ArrayList<>();
        List<Double> skopeoCpu = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            Path store = work.resolve("pull-" + i);
            Path layout = work.resolve("oci-" + i);
            double[] j = null;
            double[] s = null;
            // odd rounds run skopeo first, so neither side always follows the other's disk writes
            if (i % 2 == 1) {
                s = skopeo(name, layout);
            }
            j = jailcell(store, name, options);
            if (s == null) {
                s = skopeo(name, layout);
            }
            if (i > 0) { // the first round warms the JVM and the registry's page cache
                jc.add(j[0]);
                skopeo.add(s[0]);
                jcCpu.add(j[1]);
                skopeoCpu.add(s[1]);
            }
            System.out.printf("run %d%s jailcell_ms=%.1f jailcell_cpu_ms=%.1f skopeo_ms=%.1f skopeo_cpu_ms=%.1f "
                    + "speedup=%.2f%s%n", i, i % 2 == 1 ? " (skopeo first)" : "", j[0], j[1], s[0], s[1],
                    s[0] / j[0], i == 0 ? " (warm-up, not counted)" : "");
            new ProcessBuilder("rm", "-rf", store.toString(), layout.toString()).inheritIO().start().waitFor();
        }
        report("registry-pull-jailcell", jc, jcCpu, bytes);
        report("registry-pull-skopeo", skopeo, skopeoCpu, bytes);
        double ratio = median(skopeo) / median(jc);
        System.out.printf("registry-pull-ratio jailcell_speedup=%.2f%n", ratio);
    }

    /** Wall and CPU milliseconds of a pull in this JVM (the process's CPU: HTTP client, digests, writes, GC). */
    private static double[] jailcell(Path store, String name, io.jailcell.api.RegistryOptions options) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Jailcell.open(store).images().pull(name, options);
        return new double[] {(System.nanoTime() - t0) / 1e6, (os.getProcessCpuTime() - c0) / 1e6};
    }

    /** Wall and CPU milliseconds of {@code skopeo copy}, its CPU from bash's {@code times} (children's user+sys). */
    private static double[] skopeo(String name, Path layout) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "skopeo copy -q --src-tls-verify=false \"docker://$1\" "
                + "\"oci:$2:bench\" >&2 && times", "bash", name, layout.toString()).redirectError(
                ProcessBuilder.Redirect.INHERIT).start();
        String times = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("skopeo copy failed");
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        String[] children = times.strip().split("\n")[1].trim().split("\\s+"); // "0m0.512s 0m0.061s"
        return new double[] {wall, seconds(children[0]) * 1000 + seconds(children[1]) * 1000};
    }

    private static double seconds(String bashTime) {
        int m = bashTime.indexOf('m');
        return Integer.parseInt(bashTime.substring(0, m)) * 60 + Double.parseDouble(bashTime.substring(m + 1,
                bashTime.length() - 1));
    }

    private static void report(String what, List<Double> ms, List<Double> cpu, long bytes) {
        double m = median(ms);
        System.out.printf("%s median_ms=%.1f min_ms=%.1f max_ms=%.1f mb_per_s=%.1f cpu_median_ms=%.1f runs=%d%n",
                what, m, ms.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(0), bytes / 1048576.0 / (m / 1000),
                median(cpu), ms.size());
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
