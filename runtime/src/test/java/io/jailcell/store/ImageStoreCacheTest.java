package io.jailcell.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jailcell.image.Descriptor;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that parsed an image once still sees every change another process makes to the index. */
class ImageStoreCacheTest {
    @TempDir
    Path dir;

    private static Descriptor image(ImageStore store, String cmd) {
        ImageConfig cfg = new ImageConfig("1970-01-01T00:00:00Z", null, Platform.host(),
                RunConfig.EMPTY.withCmd(List.of(cmd)), List.of(), List.of());
        return store.writeImage(cfg, List.of());
    }

    private static List<String> cmdOf(ImageStore store, String name) {
        return store.find(name).orElseThrow().config().config().cmd();
    }

    @Test
    void find_afterAnotherStoreRetagsTheName_returnsTheNewImage() {
        ImageStore reader = ImageStore.open(StoreRoot.at(dir));
        ImageStore writer = ImageStore.open(StoreRoot.at(dir));
        Reference ref = Reference.parse("localhost/app:1");
        Descriptor first = image(writer, "/first");
        Descriptor second = image(writer, "/second");
        writer.tag(ref, first);
        assertThat(cmdOf(reader, "localhost/app:1")).containsExactly("/first");
        assertThat(cmdOf(reader, "localhost/app:1")).containsExactly("/first");

        long sizeBefore = indexSize();
        writer.tag(ref, second);
        assertThat(indexSize()).as("same-size index: a size or mtime key could miss this").isEqualTo(sizeBefore);
        assertThat(cmdOf(reader, "localhost/app:1")).containsExactly("/second");
        assertThat(reader.find("localhost/app:1").orElseThrow().manifestDigest()).isEqualTo(second.digest());

        writer.tag(ref, first);
        assertThat(cmdOf(reader, "localhost/app:1")).containsExactly("/first");
    }

    @Test
    void find_afterAnotherStoreRemovesTheName_findsNothing() {
        ImageStore reader = ImageStore.open(StoreRoot.at(dir));
        ImageStore writer = ImageStore.open(StoreRoot.at(dir));
        Reference ref = Reference.parse("localhost/app:1");
        writer.tag(ref, image(writer, "/first"));
        assertThat(reader.find("localhost/app:1")).isPresent();

        assertThat(writer.untag(ref)).isTrue();
        assertThat(reader.find("localhost/app:1")).isEmpty();
    }

    private long indexSize() {
        try {
            return Files.size(dir.resolve("images/index.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
