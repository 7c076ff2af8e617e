package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.linux.Host;
import io.jailcell.linux.fs.FileCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerApplierFlattenTest {
    private final LayerApplier flatten =
            new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN, FileCalls.system(), Host.isRoot());

    @TempDir
    Path dir;

    static byte[] lowerLayer() {
        return Tars.build()
                .dir("etc").file("etc/passwd", "root:x:0:0").file("etc/gone", "bye")
                .dir("opt").dir("opt/app").file("opt/app/old", "old").file("opt/keep-not", "lower")
                .add(TarEntry.file("bin/su", 2).withMode(04755), "su".getBytes())
                .add(TarEntry.dir("tmp").withMode(01777), new byte[0])
                .hardlink("etc/passwd-link", "etc/passwd")
                .bytes();
    }

    /** Deletes etc/gone, makes opt opaque with the marker after this layer's own opt entries. */
    static byte[] upperLayer() {
        return Tars.build()
                .file("etc/.wh.gone", "")
                .dir("opt").file("opt/new", "new").dir("opt/app").file("opt/app/fresh", "fresh")
                .file("opt/.wh..wh..opq", "")
                .file("etc/passwd", "changed")
                .bytes();
    }

    @Test
    void twoLayers_whiteoutAndOpaque_giveTheMergedView() throws Exception {
        Path lower = Files.createDirectory(dir.resolve("lower"));
        flatten.apply(new ByteArrayInputStream(lowerLayer()), lower);
        Path upper = dir.resolve("upper");
        HardlinkCopy.copy(lower, upper);

        ApplyResult result = flatten.apply(new ByteArrayInputStream(upperLayer()), upper);

        assertThat(upper.resolve("etc/gone")).doesNotExist();
        assertThat(Files.readString(upper.resolve("etc/passwd"))).isEqualTo("changed");
        assertThat(Files.readString(upper.resolve("opt/new"))).isEqualTo("new");
        assertThat(Files.readString(upper.resolve("opt/app/fresh"))).isEqualTo("fresh");
        assertThat(upper.resolve("opt/app/old")).doesNotExist();
        assertThat(upper.resolve("opt/keep-not")).doesNotExist();
        assertThat(result.entries()).isEqualTo(7);
        // the lower snapshot shares inodes with the copy and must not have changed
        assertThat(Files.readString(lower.resolve("etc/passwd"))).isEqualTo("root:x:0:0");
        assertThat(Files.readString(upper.resolve("etc/passwd-link"))).isEqualTo("root:x:0:0");
        assertThat(lower.resolve("etc/gone")).exists();
        assertThat(lower.resolve("opt/app/old")).exists();
    }

    @Test
    void modes_setuidAndStickyAndMtimes_areApplied() throws Exception {
        flatten.apply(new ByteArrayInputStream(lowerLayer()), dir);

        assertThat((Integer) Files.getAttribute(dir.resolve("bin/su"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat((Integer) Files.getAttribute(dir.resolve("tmp"), "unix:mode") & 07777).isEqualTo(01777);
        assertThat(Files.getLastModifiedTime(dir.resolve("etc")).toMillis()).isZero();
        assertThat(Files.isSameFile(dir.resolve("etc/passwd"), dir.resolve("etc/passwd-link"))).isTrue();
    }

    @Test
    void applyBlob_gzip_reportsBothDigests() throws Exception {
        byte[] tar = lowerLayer();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
            out.write(new byte[10240 - tar.length % 10240]); // record padding, as GNU tar writes it
        }
        byte[] padded = new byte[tar.length + 10240 - tar.length % 10240];
        System.arraycopy(tar, 0, padded, 0, tar.length);

        ApplyResult result = flatten.applyBlob(new ByteArrayInputStream(gz.toByteArray()), dir);

        assertThat(result.diffId()).isEqualTo(sha256(padded));
        assertThat(result.compressedDigest()).isEqualTo(sha256(gz.toByteArray()));
        assertThat(result.bytes()).isEqualTo(padded.length);
        assertThat(dir.resolve("etc/passwd")).exists();
    }

    @Test
    void applyBlob_uncompressed_leavesTheBlobOpenToBeDrainedAndChecked() throws Exception {
        byte[] tar = lowerLayer();
        boolean[] closed = new boolean[1];
        ByteArrayInputStream blob = new ByteArrayInputStream(tar) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ApplyResult result = flatten.applyBlob(blob, dir);

        assertThat(closed[0]).as("the caller closes the blob, after draining it to check its digest").isFalse();
        assertThat(result.diffId()).isEqualTo(sha256(tar));
        assertThat(result.compressedDigest()).isNull();
        assertThat(dir.resolve("etc/passwd")).exists();
    }

    @Test
    void applyBlob_zstd_isRefusedClearly() {
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> flatten.applyBlob(new ByteArrayInputStream(zstd), dir))
                .isInstanceOf(LayerException.class).hasMessageStartingWith("zstd layers are not supported yet");
    }

    @Test
    void fifosAndDevices_fifoMadeDeviceSkippedWhenRootless() throws Exception {
        byte[] tar = Tars.build()
                .add(TarEntry.special("dev/fifo", TarEntry.Type.FIFO, 0, 0), new byte[0])
                .add(TarEntry.special("dev/null", TarEntry.Type.CHAR, 1, 3), new byte[0])
                .bytes();
        LayerApplier rootless = new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN, FileCalls.system(), false);

        ApplyResult result = rootless.apply(new ByteArrayInputStream(tar), dir);

        assertThat(result.skippedDevices()).isEqualTo(1);
        assertThat(dir.resolve("dev/null")).doesNotExist();
        assertThat(Files.getAttribute(dir.resolve("dev/fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(FileCalls.S_IFIFO | 0644);
    }

    static String sha256(byte[] data) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
