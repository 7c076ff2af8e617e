package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.linux.Host;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's writable layer on a real overlay mount, turned into an OCI diff (root only). */
class OverlayUpperTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() {
        assumeTrue(Host.isRoot(), "overlay mounts need root");
    }

    @Test
    void fromOverlayUpper_afterDeleteAndDirReplace_writesWhiteouts() throws Exception {
        Path lower = Files.createDirectory(dir.resolve("lower"));
        new LayerApplier(LayerApplier.WhiteoutMode.OVERLAY)
                .apply(new ByteArrayInputStream(LayerApplierFlattenTest.lowerLayer()), lower);
        Path upper = Files.createDirectory(dir.resolve("upper"));

        try (OverlayMount mount = OverlayMount.mount(dir, List.of(lower), upper)) {
            Path merged = mount.merged;
            Files.delete(merged.resolve("etc/gone"));
            Trees.deleteTree(merged.resolve("opt"));
            Files.createDirectory(merged.resolve("opt"));
            Files.writeString(merged.resolve("opt/new"), "new");
            Files.writeString(merged.resolve("added"), "a");
        }

        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        LayerWriter.fromOverlayUpper(upper, LayerOptions.reproducible()).writeTo(blob);
        List<TarEntry> entries = LayerWriterTest.read(blob.toByteArray());

        assertThat(entries).extracting(TarEntry::name)
                .containsExactly("added", "etc", "etc/.wh.gone", "opt", "opt/.wh..wh..opq", "opt/new");
        assertThat(entries).allSatisfy(e -> assertThat(e.xattrs().keySet()).noneMatch(k -> k.startsWith("trusted.overlay.")));

        assertThat(OverlayDiff.changes(upper, List.of(lower))).containsExactly(
                new OverlayDiff.Change("/added", OverlayDiff.Kind.ADDED),
                new OverlayDiff.Change("/etc", OverlayDiff.Kind.CHANGED),
                new OverlayDiff.Change("/etc/gone", OverlayDiff.Kind.DELETED),
                new OverlayDiff.Change("/opt", OverlayDiff.Kind.CHANGED),
                new OverlayDiff.Change("/opt/new", OverlayDiff.Kind.ADDED));

        // the diff applied on top of the lower gives what the mount showed
        Path flat = dir.resolve("flat");
        HardlinkCopy.copy(lower, flat);
        new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN).applyBlob(new ByteArrayInputStream(blob.toByteArray()), flat);
        assertThat(flat.resolve("etc/gone")).doesNotExist();
        assertThat(flat.resolve("opt/app")).doesNotExist();
        assertThat(Files.readString(flat.resolve("opt/new"))).isEqualTo("new");
    }

    /** Test-side rm -r through the mount. */
    static final class Trees {
        static void deleteTree(Path path) {
            io.jailcell.store.Trees.delete(path);
        }
    }
}
