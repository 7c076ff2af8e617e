package io.jailcell.store.archive;

import static io.jailcell.store.archive.Fixtures.load;
import static io.jailcell.store.archive.Fixtures.members;
import static io.jailcell.store.archive.Fixtures.save;
import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.MediaTypes;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoredImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
    @TempDir
    Path dir;

    @Test
    void save_writesManifestJsonConfigUncompressedLayersAndRepositories() throws Exception {
        ImageStore store = Fixtures.store(dir.resolve("a"));
        Fixtures.image(store, dir, "docker.io/library/app:1");
        StoredImage img = store.find("app:1").orElseThrow();
        List<Digest> chain = ChainIds.of(img.config().diffIds());

        Map<String, byte[]> tar = members(save(store, Format.DOCKER_ARCHIVE, "app:1"));

        String top = chain.get(1).hex();
        assertThat(text(tar.get("manifest.json"))).isEqualTo("[{\"Config\":\"" + img.id().hex() + ".json\","
                + "\"RepoTags\":[\"app:1\"],\"Layers\":[\"" + chain.get(0).hex() + "/layer.tar\",\"" + top
                + "/layer.tar\"]}]");
        assertThat(text(tar.get("repositories"))).isEqualTo("{\"app\":{\"1\":\"" + top + "\"}}");
        assertThat(Digest.of(tar.get(img.id().hex() + ".json"))).isEqualTo(img.id());
        for (int i = 0; i < 2; i++) {
            byte[] layer = tar.get(chain.get(i).hex() + "/layer.tar");
            assertThat(Digest.of(layer)).isEqualTo(img.config().diffIds().get(i));
            assertThat(text(tar.get(chain.get(i).hex() + "/VERSION"))).isEqualTo("1.0");
        }
        assertThat(text(tar.get(top + "/json"))).contains("\"parent\":\"" + chain.get(0).hex() + "\"");
    }

    @Test
    void roundTrip_keepsTheImageIdAndDiffIds_withUncompressedLayers() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Fixtures.image(a, dir, "localhost/app:1");
        StoredImage before = a.find("localhost/app:1").orElseThrow();

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThat(load(b, save(a, Format.DOCKER_ARCHIVE, "localhost/app:1"), null))
                .containsExactly("localhost/app:1");

        StoredImage after = b.find("localhost/app:1").orElseThrow();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.config().diffIds()).isEqualTo(before.config().diffIds());
        for (int i = 0; i < 2; i++) {
            Descriptor l = after.manifest().layers().get(i);
            assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER);
            assertThat(l.digest()).isEqualTo(before.config().diffIds().get(i));
            assertThat(b.blobs().size(l.digest())).isEqualTo(l.size());
        }
        // saved again from the loaded store, the archive is the same bytes
        assertThat(save(b, Format.DOCKER_ARCHIVE, "localhost/app:1"))
                .isEqualTo(save(a, Format.DOCKER_ARCHIVE, "localhost/app:1"));
    }

    @Test
    void save_isDeterministic_andSharedLayersAreWrittenOnce() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Descriptor m = Fixtures.image(a, dir, "localhost/app:1");
        a.tag(io.jailcell.image.Reference.parse("localhost/other:2"), m);
        byte[] first = save(a, Format.DOCKER_ARCHIVE, "localhost/app:1", "localhost/other:2");
        assertThat(save(a, Format.DOCKER_ARCHIVE, "localhost/app:1", "localhost/other:2")).isEqualTo(first);
        Map<String, byte[]> tar = members(first);
        assertThat(tar.keySet().stream().filter(n -> n.endsWith("/layer.tar"))).hasSize(2);
        assertThat(text(tar.get("manifest.json"))).contains("\"RepoTags\":[\"localhost/app:1\",\"localhost/other:2\"]");
    }

    @Test
    void load_podmanLayout_withLayerSymlinksAndGzipLayers() throws Exception {
        ImageStore a = Fixtures.store(dir.resolve("a"));
        Fixtures.image(a, dir, "localhost/app:1");
        StoredImage img = a.find("localhost/app:1").orElseThrow();
        // as podman writes it: HEX.tar files, legacy ID/layer.tar symlinks; here the layers stay gzip'd
        Map<String, byte[]> tar = new LinkedHashMap<>();
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            Descriptor l = img.manifest().layers().get(i);
            tar.put("legacy" + i + "/layer.tar", ("->../" + l.digest().hex() + ".tar").getBytes(StandardCharsets.UTF_8));
            tar.put(l.digest().hex() + ".tar", a.blobs().read(l.digest()));
            layers.append(i == 0 ? "" : ",").append("\"legacy").append(i).append("/layer.tar\"");
        }
        tar.put(img.id().hex() + ".json", a.blobs().read(img.id()));
        tar.put("manifest.json", ("[{\"Config\":\"" + img.id().hex() + ".json\",\"RepoTags\":[\"localhost/pod:1\"],"
                + "\"Layers\":[" + layers + "]}]").getBytes(StandardCharsets.UTF_8));

        ImageStore b = Fixtures.store(dir.resolve("b"));
        assertThat(load(b, Fixtures.tar(tar), null)).containsExactly("localhost/pod:1");
        StoredImage after = b.find("localhost/pod:1").orElseThrow();
        assertThat(after.id()).isEqualTo(img.id());
        assertThat(after.manifest().layers()).extracting(Descriptor::mediaType)
                .containsOnly(MediaTypes.OCI_LAYER_GZIP);
        assertThat(after.manifest().layers()).extracting(Descriptor::digest)
                .isEqualTo(img.manifest().layers().stream().map(Descriptor::digest).toList());
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
