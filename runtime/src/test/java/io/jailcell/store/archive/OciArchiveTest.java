package io.jailcell.store.archive;

import static io.jailcell.store.archive.Fixtures.load;
import static io.jailcell.store.archive.Fixtures.members;
import static io.jailcell.store.archive.Fixtures.save;
import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.image.Descriptor;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Platform;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoredImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveTest {
    @TempDir
    Path dir;

    @Test
    void save_writesALayoutWithTagAndFullNameAnnotations() throws Exception {
        ImageStore store = Fixtures.store(dir.resolve("a"));
        Descriptor m = Fixtures.image(store, dir, "localhost/app:1.0");

        Map<String, byte[]> tar = members(save(store, Format.OCI_ARCHIVE, "localhost/app:1.0"));

        assertThat(tar.keySet()).startsWith("blobs", "blobs/sha256").contains("oci-layout", "index.json",
                "blobs/sha256/" + m.digest().hex());
        assertThat(List.copyOf(tar.keySet()).subList(tar.size() - 2, tar.size())).containsExactly("index.json",
                "oci-layout");
        ImageIndex idx = ImageIndex.parse(tar.get("index.json"));
        assertThat(idx.manifests()).hasSize(1);
        Descriptor entry = idx.manifests().get(0);
        assertThat(entry.digest()).isEqualTo(m.digest());
        assertThat(entry.annotations()).containsEntry(ImageIndex.REF_NAME, "1.0")
                .containsEntry("io.containerd.image.name", "localhost/app:1.0");
        assertThat(entry.platform()).isEqualTo(Platform.host());
        Manifest manifest = Manifest.parse(tar.get("blobs/sha256/" + m.digest().hex()));
        for (Descriptor l : manifest.layers()) {
            assertThat(tar).containsKey("blobs/sha256/" + l.digest().hex());
        }
    }

    @Test
    void roundTrip_keepsDigestsAndNames() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Descriptor m = Fixtures.image(a, dir, "localhost/app:1");
        a.tag(io.jailcell.image.Reference.parse("docker.io/library/app:2"), m);
        StoredImage before = a.find("localhost/app:1").orElseThrow();

        byte[] archive = save(a, Format.OCI_ARCHIVE, before.id().hex());
        ImageStore b = Fixtures.store(dir.resolve("b"));
        List<String> loaded = load(b, archive, "app.tar");

        assertThat(loaded).containsExactlyInAnyOrder("localhost/app:1", "docker.io/library/app:2");
        StoredImage after = b.find("app:2").orElseThrow();
        assertThat(after.manifestDigest()).isEqualTo(before.manifestDigest());
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.config().diffIds()).isEqualTo(before.config().diffIds());
        assertThat(b.blobs().list()).containsExactlyInAnyOrderElementsOf(a.blobs().list());
    }

    @Test
    void save_isDeterministic() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Fixtures.image(a, dir.resolve("wa"), "localhost/app:1");
        ImageStore b = Fixtures.store(dir.resolve("b"));
        Fixtures.image(b, dir.resolve("wb"), "localhost/app:1");

        byte[] first = save(a, Format.OCI_ARCHIVE, "localhost/app:1");
        assertThat(save(a, Format.OCI_ARCHIVE, "localhost/app:1")).isEqualTo(first);
        assertThat(save(b, Format.OCI_ARCHIVE, "localhost/app:1")).isEqualTo(first);
    }

    @Test
    void load_tagOnlyRefNameIsNamedAfterTheFile_andFullRefNameIsKept() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Descriptor m = Fixtures.image(a, dir, "localhost/app:1");
        Map<String, byte[]> tar = members(save(a, Format.OCI_ARCHIVE, "localhost/app:1"));
        tar.put("index.json", index(m, Map.of(ImageIndex.REF_NAME, "v2")));
        assertThat(load(Fixtures.store(dir.resolve("b")), Fixtures.tar(tar), "My App.oci.tar"))
                .containsExactly("localhost/my-app:v2");
        tar.put("index.json", index(m, Map.of(ImageIndex.REF_NAME, "localhost/podman:3")));
        assertThat(load(Fixtures.store(dir.resolve("c")), Fixtures.tar(tar), null))
                .containsExactly("localhost/podman:3");
        tar.put("index.json", index(m, Map.of()));
        assertThat(load(Fixtures.store(dir.resolve("d")), Fixtures.tar(tar), null))
                .containsExactly("localhost/loaded:latest");
    }

    @Test
    void load_multiPlatformIndex_picksTheHostManifest() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Descriptor m = Fixtures.image(a, dir, "localhost/app:1");
        Map<String, byte[]> tar = members(save(a, Format.OCI_ARCHIVE, "localhost/app:1"));
        Platform other = Platform.host().architecture().equals("s390x") ? Platform.parse("linux/amd64")
                : Platform.parse("linux/s390x");
        Descriptor foreign = new Descriptor(MediaTypes.OCI_MANIFEST, io.jailcell.image.Digest.of(new byte[1]), 1, null,
                other);
        Descriptor mine = new Descriptor(m.mediaType(), m.digest(), m.size(), null, Platform.host());
        byte[] sub = new ImageIndex(MediaTypes.OCI_INDEX, List.of(foreign, mine), null).toJson();
        Descriptor subDesc = Descriptor.of(MediaTypes.OCI_INDEX, sub);
        tar.put("blobs/sha256/" + subDesc.digest().hex(), sub);
        tar.put("index.json", index(subDesc, Map.of("io.containerd.image.name", "docker.io/library/multi:1")));

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThat(load(b, Fixtures.tar(tar), null)).containsExactly("docker.io/library/multi:1");
        assertThat(b.find("multi:1").orElseThrow().manifestDigest()).isEqualTo(m.digest());
    }

    @Test
    void load_acceptsAGzippedArchive_andLoadingTwiceIsHarmless() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Fixtures.image(a, dir, "localhost/app:1");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(save(a, Format.OCI_ARCHIVE, "localhost/app:1"));
        }
        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThat(load(b, gz.toByteArray(), null)).containsExactly("localhost/app:1");
        assertThat(load(b, gz.toByteArray(), null)).containsExactly("localhost/app:1");
        assertThat(b.list()).hasSize(1);
    }

    static byte[] index(Descriptor m, Map<String, String> annotations) {
        Descriptor d = new Descriptor(m.mediaType(), m.digest(), m.size(), new LinkedHashMap<>(annotations), null);
        return new ImageIndex(MediaTypes.OCI_INDEX, List.of(d), null).toJson();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
