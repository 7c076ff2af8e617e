package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.linux.Host;
import io.jailcell.linux.fs.FileCalls;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applies layers as overlay lowerdirs and checks what a real overlayfs mount shows (root only). */
class LayerApplierOverlayTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() {
        assumeTrue(Host.isRoot(), "overlay whiteouts and mounts need root");
    }

    @Test
    void twoLayers_mountedAsOverlay_showDeletionAndOpaqueDir() throws Exception {
        LayerApplier overlay = new LayerApplier(LayerApplier.WhiteoutMode.OVERLAY);
        Path lower = Files.createDirectory(dir.resolve("1"));
        Path upper = Files.createDirectory(dir.resolve("2"));
        overlay.apply(new ByteArrayInputStream(LayerApplierFlattenTest.lowerLayer()), lower);
        overlay.apply(new ByteArrayInputStream(LayerApplierFlattenTest.upperLayer()), upper);

        Object rdev = Files.getAttribute(upper.resolve("etc/gone"), "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        assertThat(rdev).isEqualTo(0L);
        assertThat(FileCalls.system().lgetxattr(upper.resolve("opt").toString(), "trusted.overlay.opaque"))
                .containsExactly('y');

        try (OverlayMount mount = OverlayMount.mount(dir, List.of(upper, lower), null)) {
            Path merged = mount.merged;
            assertThat(merged.resolve("etc/gone")).doesNotExist();
            assertThat(Files.readString(merged.resolve("etc/passwd"))).isEqualTo("changed");
            assertThat(Files.readString(merged.resolve("etc/passwd-link"))).isEqualTo("root:x:0:0");
            try (var list = Files.list(merged.resolve("opt"))) {
                assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("new", "app");
            }
            try (var list = Files.list(merged.resolve("opt/app"))) {
                assertThat(list.map(p -> p.getFileName().toString())).containsExactly("fresh");
            }
            assertThat((Integer) Files.getAttribute(merged.resolve("bin/su"), "unix:mode") & 07777)
                    .isEqualTo(04755);
        }
    }

    @Test
    void ownersAndXattrs_asRoot_areApplied() throws Exception {
        byte[] tar = Tars.build()
                .add(TarEntry.file("f", 1).withOwner(1000, 2000)
                        .withXattrs(java.util.Map.of("user.k", "v".getBytes(), "trusted.overlay.opaque",
                                "y".getBytes())), "x".getBytes())
                .add(TarEntry.symlink("l", "f").withOwner(3, 4), new byte[0])
                .add(TarEntry.special("null", TarEntry.Type.CHAR, 1, 3), new byte[0])
                .bytes();
        new LayerApplier(LayerApplier.WhiteoutMode.OVERLAY).apply(new ByteArrayInputStream(tar), dir);

        assertThat(Files.getAttribute(dir.resolve("f"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(dir.resolve("f"), "unix:gid")).isEqualTo(2000);
        assertThat(Files.getAttribute(dir.resolve("l"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(3);
        assertThat(FileCalls.system().lgetxattr(dir.resolve("f").toString(), "user.k")).containsExactly('v');
        // a layer may not plant overlay's own markers
        assertThat(FileCalls.system().lgetxattr(dir.resolve("f").toString(), "trusted.overlay.opaque")).isNull();
        assertThat(Files.getAttribute(dir.resolve("null"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(0x103L);
    }
}
