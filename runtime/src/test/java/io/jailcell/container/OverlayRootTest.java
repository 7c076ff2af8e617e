package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.mount.ContainerMounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay root's mount options fit the kernel's page for any image overlayfs can stack. */
class OverlayRootTest {
    @TempDir
    Path dir;

    /** Lower dirs as long as a real store's: {@code /var/lib/jailcell/snapshots/<64 hex>/fs}. */
    private static List<Path> layers(int n) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String hex = String.format("%064x", i);
            out.add(Path.of("/var/lib/jailcell/snapshots", hex, "fs"));
        }
        return out;
    }

    @Test
    void aNormalImage_keepsAbsolutePaths_andWritesNothing() {
        OverlayRoot.Planned p = OverlayRoot.plan("busybox", layers(3), dir, false);

        assertThat(p.mountBase()).isNull();
        assertThat(p.root().lowerDirs()).isEqualTo(layers(3));
        assertThat(p.root().upperDir()).isEqualTo(dir.resolve("diff"));
        assertThat(dir.resolve(OverlayRoot.LINKS)).doesNotExist();
    }

    @Test
    void manyLayers_useShortLinksRelativeToTheContainerDirectory_topFirst() throws IOException {
        List<Path> lowers = layers(125);
        assertThat(ContainerMounts.overlayData(new ContainerMounts.Root.Overlay(lowers, dir.resolve("diff"),
                dir.resolve("work")), false).length()).as("absolute paths do not fit")
                .isGreaterThan(ContainerMounts.MAX_MOUNT_DATA);

        OverlayRoot.Planned p = OverlayRoot.plan("deep", lowers, dir, false);

        assertThat(p.mountBase()).isEqualTo(dir);
        assertThat(p.root().lowerDirs()).hasSize(125).startsWith(Path.of("l/0"), Path.of("l/1"))
                .endsWith(Path.of("l/124"));
        assertThat(p.root().upperDir()).isEqualTo(Path.of("diff"));
        assertThat(p.root().workDir()).isEqualTo(Path.of("work"));
        assertThat(Files.readSymbolicLink(dir.resolve("l/0"))).isEqualTo(lowers.get(0));
        assertThat(Files.readSymbolicLink(dir.resolve("l/124"))).isEqualTo(lowers.get(124));
        String data = ContainerMounts.overlayData(p.root(), false);
        assertThat(data).startsWith("lowerdir=l/0:l/1:l/2:").contains(":l/124,upperdir=diff,workdir=work,volatile");
        assertThat(data.length()).isLessThan(1000);
    }

    @Test
    void aRestart_reusesTheLinks_andAWrongLinkIsReplaced() throws IOException {
        OverlayRoot.plan("deep", layers(200), dir, false);
        Files.delete(dir.resolve("l/7"));
        Files.createSymbolicLink(dir.resolve("l/7"), Path.of("/elsewhere"));

        OverlayRoot.Planned again = OverlayRoot.plan("deep", layers(200), dir, true);

        assertThat(Files.readSymbolicLink(dir.resolve("l/7"))).isEqualTo(layers(200).get(7));
        assertThat(again.root().lowerDirs()).hasSize(200);
    }

    @Test
    void theKernelsLimitOf500Layers_fitsInOnePage_andOneMoreIsAClearError() {
        OverlayRoot.Planned p = OverlayRoot.plan("deepest", layers(500), dir, true);
        assertThat(ContainerMounts.overlayData(p.root(), true).length())
                .isLessThanOrEqualTo(ContainerMounts.MAX_MOUNT_DATA);

        assertThatThrownBy(() -> OverlayRoot.plan("too-deep", layers(501), dir, false))
                .isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("image too-deep has 501 layers, and overlayfs stacks at most 500 (the "
                        + "kernel's limit): rebuild it with fewer layers");
    }
}
