package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Images deeper than absolute layer paths fit in an overlay mount's one page of options (about 40 here): built,
 * run, diffed and committed with every layer stacked.
 */
class ManyLayersIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void image125LayersDeep_builds_runs_diffs_andCommits() throws IOException {
        // busybox (1) + 122 COPY layers + 2 RUN layers = 125; the RUN steps themselves run on 123 and 124 layers.
        Path files = Files.createTempDirectory(store.root, "layers");
        ImageBuilder b = store.jc.images().from("busybox");
        for (int i = 0; i < 122; i++) {
            Path f = files.resolve("f" + i);
            Files.writeString(f, "layer " + i + "\n");
            b = b.copy(f, "/layers/f" + i);
        }
        b = b.run("cat /layers/f0 /layers/f121 > /run-saw && rm /layers/f5").run("echo top > /top");
        b.build("localhost/deep:1");
        List<ImageInfo.Layer> layers = store.jc.images().inspect("localhost/deep:1").layers();
        assertThat(layers).hasSize(125);

        RunResult r = store.jc.run(ContainerSpec.of("localhost/deep:1", "sh", "-c",
                "cat /layers/f0 /layers/f121 /run-saw /top; ls /layers | wc -l; test -e /layers/f5 || echo f5-gone; "
                        + "grep -o 'lowerdir=[^,]*' /proc/self/mountinfo | head -1 | cut -c1-20").autoRemove(true));
        assertThat(r.exit().success()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("layer 0\nlayer 121\nlayer 0\nlayer 121\ntop\n121\nf5-gone\n"
                + "lowerdir=l/0:l/1:l/2\n");

        Container c = store.jc.create(ContainerSpec.of("localhost/deep:1", "sh", "-c",
                "echo changed > /layers/f7; echo new > /new").name("deep-commit"));
        assertThat(c.startAttached(null, null).success()).isTrue();
        assertThat(c.diff()).contains(new FileChange('C', "/layers/f7"), new FileChange('A', "/new"));
        store.jc.images().commit("deep-commit", "localhost/deep:2", "126 layers", null);
        c.remove(true);
        assertThat(store.jc.images().inspect("localhost/deep:2").layers()).hasSize(126);
        RunResult committed = store.jc.run(ContainerSpec.of("localhost/deep:2", "cat", "/layers/f7", "/new",
                "/layers/f121").autoRemove(true));
        assertThat(committed.stdout()).isEqualTo("changed\nnew\nlayer 121\n");

        store.jc.awaitCleanup();
        assertThat(store.jc.run(ContainerSpec.of("localhost/deep:1", "cat", "/layers/f1", "/top").autoRemove(true))
                .stdout()).as("removing containers deletes their layer links, never the layers").isEqualTo(
                "layer 1\ntop\n");
    }

    @Test
    void aNormalImage_keepsAbsolutePathsInItsMount() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c",
                "grep -o 'lowerdir=[^:,]*' /proc/self/mountinfo | head -1").autoRemove(true));
        assertThat(r.stdout()).startsWith("lowerdir=" + store.root.resolve("snapshots"));
    }
}
