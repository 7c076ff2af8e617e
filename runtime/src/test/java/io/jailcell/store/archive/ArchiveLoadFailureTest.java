package io.jailcell.store.archive;

import static io.jailcell.store.archive.Fixtures.load;
import static io.jailcell.store.archive.Fixtures.members;
import static io.jailcell.store.archive.Fixtures.save;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.image.Descriptor;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoredImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveLoadFailureTest {
    @TempDir
    Path dir;

    private ImageStore source() throws IOException {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Fixtures.image(a, dir, "localhost/app:1");
        return a;
    }

    @Test
    void truncatedInsideAMember_namesTheEntry_tagsNothing_andLeavesNoTemporaryFiles() throws Exception {
        ImageStore a = source();
        for (Format f : Format.values()) {
            byte[] archive = save(a, f, "localhost/app:1");
            for (int cut : new int[] {700, archive.length / 2, archive.length - 1100}) {
                ImageStore b = Fixtures.store(dir.resolve("b-" + f + cut));
                assertThatThrownBy(() -> load(b, Arrays.copyOf(archive, cut), "app.tar"))
                        .isInstanceOf(ArchiveException.class)
                        .hasMessageContaining("the archive is truncated or damaged")
                        .hasMessageContaining(" at byte ")
                        .hasMessageContaining("nothing was tagged");
                assertThat(b.list()).isEmpty();
                assertThat(b.index().manifests()).isEmpty();
                try (Stream<Path> tmp = Files.list(b.tmp())) {
                    assertThat(tmp).isEmpty();
                }
            }
        }
    }

    @Test
    void ociArchiveWithoutALayerBlob_namesTheMissingBlob() throws Exception {
        ImageStore a = source();
        StoredImage img = a.find("localhost/app:1").orElseThrow();
        Map<String, byte[]> tar = members(save(a, Format.OCI_ARCHIVE, "localhost/app:1"));
        Descriptor layer = img.manifest().layers().get(1);
        tar.remove("blobs/sha256/" + layer.digest().hex());

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThatThrownBy(() -> load(b, Fixtures.tar(tar), null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("blobs/sha256/" + layer.digest().hex())
                .hasMessageContaining("layer 2 of 2 of localhost/app:1")
                .hasMessageContaining("truncated or incomplete");
        assertThat(b.list()).isEmpty();
    }

    @Test
    void dockerArchiveWithoutALayer_namesTheMissingFile() throws Exception {
        ImageStore a = source();
        Map<String, byte[]> tar = members(save(a, Format.DOCKER_ARCHIVE, "localhost/app:1"));
        String missing = tar.keySet().stream().filter(n -> n.endsWith("/layer.tar")).findFirst().orElseThrow();
        tar.remove(missing);

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThatThrownBy(() -> load(b, Fixtures.tar(tar), null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("the archive has no " + missing)
                .hasMessageContaining("of localhost/app:1");
        assertThat(b.list()).isEmpty();
    }

    @Test
    void dockerLayerThatDoesNotMatchItsDiffId_isRefused() throws Exception {
        ImageStore a = source();
        Map<String, byte[]> tar = members(save(a, Format.DOCKER_ARCHIVE, "localhost/app:1"));
        String layer = tar.keySet().stream().filter(n -> n.endsWith("/layer.tar")).findFirst().orElseThrow();
        byte[] changed = tar.get(layer).clone();
        changed[600] ^= 1;
        tar.put(layer, changed);

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThatThrownBy(() -> load(b, Fixtures.tar(tar), null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("but the image config names diff id");
        assertThat(b.list()).isEmpty();
    }

    @Test
    void ociBlobWhoseContentDoesNotMatchItsName_isRefused() throws Exception {
        ImageStore a = source();
        Map<String, byte[]> tar = members(save(a, Format.OCI_ARCHIVE, "localhost/app:1"));
        String blob = tar.keySet().stream().filter(n -> n.startsWith("blobs/sha256/")).skip(1).findFirst()
                .orElseThrow();
        tar.put(blob, "not it".getBytes(StandardCharsets.UTF_8));

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThatThrownBy(() -> load(b, Fixtures.tar(tar), null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(blob).hasMessageContaining("does not match its digest");
        assertThat(b.list()).isEmpty();
    }

    @Test
    void notAnImageArchive_saysSo() throws Exception {
        Map<String, byte[]> tar = new LinkedHashMap<>();
        tar.put("etc/motd", "hi".getBytes(StandardCharsets.UTF_8));
        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThatThrownBy(() -> load(b, Fixtures.tar(tar), null)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("neither index.json").hasMessageContaining("manifest.json");
        assertThatThrownBy(() -> load(b, "hello, world".repeat(100).getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("truncated or damaged");
    }

    @Test
    void saveOfAnUnknownImage_saysWhatToDo() throws Exception {
        ImageStore a = source();
        assertThatThrownBy(() -> save(a, Format.OCI_ARCHIVE, "localhost/nope:1"))
                .hasMessageContaining("No such image: localhost/nope:1");
        assertThatThrownBy(() -> Format.parse("tarball")).hasMessageContaining("use oci-archive or docker-archive");
    }
}
