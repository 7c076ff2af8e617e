package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.linux.fs.FileCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
    @TempDir
    Path dir;

    private Path tree() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("usr-local"));
        Files.writeString(root.resolve("usr/bin/tool"), "#!/bin/sh\n");
        Files.createLink(root.resolve("usr/bin/tool2"), root.resolve("usr/bin/tool"));
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Files.write(root.resolve("usr/big.bin"), big);
        FileCalls.system().lsetxattr(root.resolve("usr/bin/tool").toString(), "user.note", "x".getBytes());
        return root;
    }

    @Test
    void fromTree_twiceWithDifferentMtimes_givesTheSameDigests() throws Exception {
        Path root = tree();
        WrittenLayer first = LayerWriter.fromTree(root, LayerOptions.reproducible()).writeTo(new ByteArrayOutputStream());
        Files.setLastModifiedTime(root.resolve("usr/bin/tool"), FileTime.fromMillis(123_456_789));
        Files.setLastModifiedTime(root.resolve("usr"), FileTime.fromMillis(987_654_321));
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        WrittenLayer second = LayerWriter.fromTree(root, LayerOptions.reproducible().withThreads(1)).writeTo(blob);

        assertThat(second.diffId()).isEqualTo(first.diffId());
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.size()).isEqualTo(blob.size());
        assertThat(second.digest()).isEqualTo(LayerApplierFlattenTest.sha256(blob.toByteArray()));
        byte[] tar = new GZIPInputStream(new ByteArrayInputStream(blob.toByteArray())).readAllBytes();
        assertThat(second.diffId()).isEqualTo(LayerApplierFlattenTest.sha256(tar));
    }

    @Test
    void fromTree_sortsNamesMarksDirsAndEmitsHardlinks() throws Exception {
        Path root = tree();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        LayerWriter.fromTree(root, LayerOptions.reproducible().withOwner(0, 0)).writeTo(blob);
        Path file = Files.write(dir.resolve("layer.tar.gz"), blob.toByteArray());

        List<String> listing = Tars.lines(Tars.run("tar", "-tzf", file.toString()));
        // byte order: '-' (0x2d) sorts before '/' (0x2f); parents still precede their children
        assertThat(listing).containsExactly("bin", "usr/", "usr-local/", "usr/big.bin", "usr/bin/", "usr/bin/tool",
                "usr/bin/tool2");
        String verbose = Tars.run("tar", "-tvzf", file.toString(), "--numeric-owner", "--full-time");
        assertThat(verbose).contains("usr/bin/tool2 link to usr/bin/tool").contains("0/0")
                .contains("1970-01-01 00:00:00");
        List<TarEntry> entries = read(blob.toByteArray());
        assertThat(entries.get(5).xattrs()).containsKey("user.note");
    }

    @Test
    void fromEntries_placesFilesAtDestinationsWithOwnerAndMode() throws Exception {
        Path src = Files.writeString(dir.resolve("app.jar"), "jar");
        LayerEntry jar = LayerEntry.fromDisk("app/lib/app.jar", src);
        List<LayerEntry> entries = List.of(
                new LayerEntry(jar.entry().withOwner(1000, 1000).withMode(0640), jar.source()),
                new LayerEntry(TarEntry.dir("app/lib"), null),
                new LayerEntry(TarEntry.dir("app"), null));
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        WrittenLayer layer = LayerWriter.fromEntries(entries, LayerOptions.reproducible()).writeTo(blob);

        List<TarEntry> read = read(blob.toByteArray());
        assertThat(read).extracting(TarEntry::name).containsExactly("app", "app/lib", "app/lib/app.jar");
        assertThat(read.get(2).uid()).isEqualTo(1000);
        assertThat(read.get(2).mode()).isEqualTo(0640);
        assertThat(layer.entries()).isEqualTo(3);
    }

    @Test
    void writtenLayer_appliesBackToAnEqualTree() throws Exception {
        Path root = tree();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        WrittenLayer layer = LayerWriter.fromTree(root, LayerOptions.reproducible().keepMtimes()).writeTo(blob);
        Path out = Files.createDirectory(dir.resolve("out"));

        ApplyResult result = new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN)
                .applyBlob(new ByteArrayInputStream(blob.toByteArray()), out);

        assertThat(result.diffId()).isEqualTo(layer.diffId());
        assertThat(result.compressedDigest()).isEqualTo(layer.digest());
        assertThat(Files.mismatch(root.resolve("usr/big.bin"), out.resolve("usr/big.bin"))).isEqualTo(-1);
        assertThat(Files.isSameFile(out.resolve("usr/bin/tool"), out.resolve("usr/bin/tool2"))).isTrue();
        assertThat(Files.getLastModifiedTime(out.resolve("usr/bin/tool")))
                .isEqualTo(Files.getLastModifiedTime(root.resolve("usr/bin/tool")));
        assertThat(FileCalls.system().lgetxattr(out.resolve("usr/bin/tool").toString(), "user.note"))
                .containsExactly('x');
    }

    static List<TarEntry> read(byte[] gzip) throws Exception {
        List<TarEntry> entries = new ArrayList<>();
        try (TarReader reader = new TarReader(new GZIPInputStream(new ByteArrayInputStream(gzip)))) {
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
        }
        return entries;
    }
}
