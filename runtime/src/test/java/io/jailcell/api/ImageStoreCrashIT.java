package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image store under faults and concurrency: a build killed with SIGKILL, and two JVMs building at once. */
class ImageStoreCrashIT {
    TestStore store;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Process cliBuild(Path ctx, String tag) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jailcell.cli.JailcellCli", "--root",
                store.root.toString(), "build", "-t", tag, ctx.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private Path context(String dockerfile) throws IOException {
        Path dir = Files.createTempDirectory(store.root, "ctx");
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("data.txt"), "payload");
        return dir;
    }

    @Test
    void buildKilledMidRun_leavesAValidStore_andTheNextBuildSucceeds() throws Exception {
        store.jc.images().inspect("busybox"); // made before the child starts, so the child goes straight to RUN
        Path ctx = context("FROM busybox\nCOPY data.txt /data.txt\nRUN sleep 1 && echo a > /a\nRUN echo b > /b\n");
        Process build = cliBuild(ctx, "localhost/killed:1");
        BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("STEP 3/4")) {
                break;
            }
        }
        Thread.sleep(200);
        build.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(store.jc.images().exists("localhost/killed:1")).isFalse();
        assertThat(store.jc.images().list()).extracting(ImageInfo::names).contains(List.of("busybox:latest"));
        Thread.sleep(1500); // the orphaned RUN container finishes its sleep
        BuildResult r = store.jc.images().build(BuildRequest.of(ctx).tag("localhost/killed:1"));
        assertThat(r.cacheHits()).as("the COPY finished before the kill").isEqualTo(1);
        assertThat(store.jc.run(ContainerSpec.of("localhost/killed:1", "cat", "/a", "/b").autoRemove(true)).stdout())
                .isEqualTo("a\nb\n");
        assertThat(store.jc.containers(true)).as("no build container is left").isEmpty();
        store.jc.images().prune(true);
        try (var tmp = Files.list(store.root.resolve("tmp"))) {
            assertThat(tmp).as("prune clears what the killed build left in tmp/").isEmpty();
        }
    }

    @Test
    void twoJvmsBuildingAtOnce_withAPruneBetween_bothSucceed() throws Exception {
        store.jc.images().inspect("busybox");
        Path a = context("FROM busybox\nRUN echo a > /a && sleep 0.5\nCOPY data.txt /\n");
        Path b = context("FROM busybox\nRUN echo b > /b && sleep 0.5\nCOPY data.txt /\n");
        Process first = cliBuild(a, "localhost/conc:a");
        Process second = cliBuild(b, "localhost/conc:b");
        store.jc.images().prune(true);
        String outA = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String outB = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(first.waitFor()).as(outA).isZero();
        assertThat(second.waitFor()).as(outB).isZero();
        assertThat(store.jc.run(ContainerSpec.of("localhost/conc:a", "cat", "/a", "/data.txt").autoRemove(true))
                .stdout()).isEqualTo("a\npayload");
        assertThat(store.jc.run(ContainerSpec.of("localhost/conc:b", "cat", "/b", "/data.txt").autoRemove(true))
                .stdout()).isEqualTo("b\npayload");
        store.jc.images().prune(true);
        assertThat(store.jc.images().list()).hasSize(3);
        for (ImageInfo i : store.jc.images().list()) {
            for (ImageInfo.Layer l : i.layers()) {
                Path blob = store.root.resolve("images/blobs/sha256").resolve(l.digest().substring(7));
                assertThat(io.jailcell.image.Digest.of(Files.readAllBytes(blob)).toString()).isEqualTo(l.digest());
            }
        }
    }
}
