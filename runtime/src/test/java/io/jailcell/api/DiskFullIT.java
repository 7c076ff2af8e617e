package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store on a full disk (a 24 MiB tmpfs): a build whose layer does not fit fails saying so, nothing half-written
 * stays named, and once space is freed the next build and run succeed on the same store.
 */
class DiskFullIT {
    TestStore store;
    Path small;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        store = TestStore.asRoot();
        small = Files.createDirectory(store.root.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", small.toString())
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    @AfterEach
    void unmount() throws Exception {
        Jailcell.open(small).containers(true).forEach(c -> Jailcell.open(small).container(c.id()).remove(true));
        Jailcell.open(small).awaitCleanup();
        new ProcessBuilder("umount", "-l", small.toString()).inheritIO().start().waitFor();
        store.close();
    }

    @Test
    void buildOnAFullDisk_failsSayingSo_andTheStoreStaysUsable() throws Exception {
        Jailcell jc = Jailcell.open(small);
        Path ctx = Files.createTempDirectory(store.root, "ctx");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN head -c 14000000 /dev/urandom > /big\n");
        assertThatThrownBy(() -> jc.images().build(BuildRequest.of(ctx).tag("localhost/big:1")))
                .isInstanceOf(JailcellException.class)
                .hasMessageContaining("No space left on device");
        assertThat(jc.images().exists("localhost/big:1")).isFalse();
        assertThat(jc.containers(true)).as("the build container went").isEmpty();

        jc.images().prune(true);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo small > /small\n");
        jc.images().build(BuildRequest.of(ctx).tag("localhost/small:1"));
        RunResult r = jc.run(ContainerSpec.of("localhost/small:1", "cat", "/small").autoRemove(true));
        assertThat(r.stdout()).isEqualTo("small\n");
    }

    @Test
    void aContainerFillingTheDisk_getsTheWriteErrorItself_andTheNextStartWorks() {
        Jailcell jc = Jailcell.open(small);
        RunResult full = jc.run(ContainerSpec.of("busybox", "sh", "-c", "head -c 40000000 /dev/zero > /fill")
                .autoRemove(true));
        assertThat(full.exit().code()).isNotZero();
        // ENOSPC, or EIO where the volatile overlay reports the failed write-back that way
        assertThat(full.stderr()).containsAnyOf("No space left on device", "I/O error");
        // The filled writable layer is deleted in the background after --rm; until then a start may fail with
        // "cannot write the state of container ...: No space left on device". Once it is gone, starts work again.
        jc.awaitCleanup();
        assertThat(jc.run(ContainerSpec.of("busybox", "echo", "fine").autoRemove(true)).stdout()).isEqualTo("fine\n");
    }
}
