package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jailcell.store.Trees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes applying a layer: any bytes either apply into the target directory or fail with a {@link LayerException},
 * {@link TarFormatException} or other IOException with a message, and never write outside the target. A sentinel
 * directory beside the target (reachable as {@code ../sentinel}, which the seeds try through {@code ..}, symlinks and
 * hardlinks) must come out exactly as it went in, and nothing else may appear beside the two.
 */
class LayerApplierFuzzTest {
    private static final byte[] KEEP = "untouched\n".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "5m")
    void apply(byte[] input) throws IOException {
        Path work = Files.createTempDirectory("jailcell-fuzz-layer");
        try {
            Path target = Files.createDirectory(work.resolve("target"));
            Path sentinel = Files.createDirectory(work.resolve("sentinel"));
            Files.write(sentinel.resolve("keep"), KEEP);
            try {
                new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN).apply(new ByteArrayInputStream(input), target);
            } catch (IOException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            assertThat(names(work)).containsExactlyInAnyOrder("sentinel", "target");
            assertThat(names(sentinel)).containsExactly("keep");
            assertThat(Files.isSymbolicLink(sentinel.resolve("keep"))).isFalse();
            assertThat(Files.readAllBytes(sentinel.resolve("keep"))).isEqualTo(KEEP);
            assertThat(Files.getAttribute(sentinel.resolve("keep"), "unix:nlink")).isEqualTo(1);
        } finally {
            Trees.delete(work);
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
