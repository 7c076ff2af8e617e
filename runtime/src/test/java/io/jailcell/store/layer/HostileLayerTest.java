package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layers built to write outside the target: each is refused, and a sentinel tree next to the target stays as it was. */
class HostileLayerTest {
    @TempDir
    Path base;

    private Path target;
    private Path outside;
    private String sentinelBefore;

    @BeforeEach
    void setUp() throws IOException {
        // base/outside is the sentinel; base/a/b/target the root, so "../.." from it reaches base
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        target = Files.createDirectories(base.resolve("a/b/target"));
        sentinelBefore = snapshot(base, target);
    }

    @AfterEach
    void sentinelUntouched() throws IOException {
        assertThat(snapshot(base, target)).isEqualTo(sentinelBefore);
        assertThat(Files.readString(outside.resolve("keep"))).isEqualTo("precious");
    }

    @ParameterizedTest
    @EnumSource(LayerApplier.WhiteoutMode.class)
    void dotDotEscapes_areRefused(LayerApplier.WhiteoutMode mode) {
        refused(mode, Tars.build().file("../escape", "x"), "'../escape' escapes the root: refused");
        refused(mode, Tars.build().file("a/../../escape", "x"), "'a/../../escape' escapes the root: refused");
        refused(mode, Tars.build().file("./../../../outside/keep", "x"), "escapes the root: refused");
    }

    @ParameterizedTest
    @EnumSource(LayerApplier.WhiteoutMode.class)
    void absoluteName_staysInside(LayerApplier.WhiteoutMode mode) throws IOException {
        byte[] tar = Tars.build().file("/etc/x", "inside").bytes();
        applier(mode).apply(new ByteArrayInputStream(tar), target);

        assertThat(Files.readString(target.resolve("etc/x"))).isEqualTo("inside");
    }

    @ParameterizedTest
    @EnumSource(LayerApplier.WhiteoutMode.class)
    void writesThroughSymlinks_areRefused(LayerApplier.WhiteoutMode mode) {
        refused(mode, Tars.build().symlink("link", outside.toString()).file("link/file", "x"),
                "'link/file' goes through symlink 'link': refused");
        refused(mode, Tars.build().symlink("link", "../../..").file("link/x", "x"),
                "'link/x' goes through symlink 'link': refused");
        refused(mode, Tars.build().dir("d").symlink("d", outside.toString()).file("d/keep", "x"),
                "'d/keep' goes through symlink 'd': refused");
        refused(mode, Tars.build().symlink("link", "../../../outside").dir("link/sub"),
                "'link/sub' goes through symlink 'link': refused");
    }

    @ParameterizedTest
    @EnumSource(LayerApplier.WhiteoutMode.class)
    void hardlinksOut_areRefused(LayerApplier.WhiteoutMode mode) {
        refused(mode, Tars.build().hardlink("pw", "/etc/passwd"),
                "'pw' is a hardlink to '/etc/passwd', which is not in this");
        refused(mode, Tars.build().hardlink("h", "../outside/keep"), "'h' escapes the root: refused");
        refused(mode, Tars.build().symlink("s", outside.toString()).hardlink("h", "s/keep"),
                "'h' is a hardlink to 's/keep', which goes through symlink 's': refused");
    }

    @ParameterizedTest
    @EnumSource(LayerApplier.WhiteoutMode.class)
    void whiteoutsOfDotDot_areRefused(LayerApplier.WhiteoutMode mode) {
        refused(mode, Tars.build().file(".wh...", ""), "'.wh...' is a whiteout of '..': refused");
        refused(mode, Tars.build().file("../.wh.outside", ""), "escapes the root: refused");
        refused(mode, Tars.build().symlink("l", "../../..").file("l/.wh.outside", ""),
                "'l/.wh.outside' goes through symlink 'l': refused");
    }

    private void refused(LayerApplier.WhiteoutMode mode, Tars tar, String message) {
        assertThatThrownBy(() -> applier(mode).apply(new ByteArrayInputStream(tar.bytes()), target))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining(message);
    }

    private static LayerApplier applier(LayerApplier.WhiteoutMode mode) {
        // OVERLAY needs root for its markers; the path checks are the same, so run them as root or flatten
        boolean root = io.jailcell.linux.Host.isRoot();
        return new LayerApplier(root ? mode : LayerApplier.WhiteoutMode.FLATTEN,
                io.jailcell.linux.fs.FileCalls.system(), root);
    }

    /** Every path under {@code dir} outside {@code except}, with sizes and link targets. */
    static String snapshot(Path dir, Path except) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> rows = walk.filter(p -> !p.startsWith(except)).map(p -> {
                try {
                    return dir.relativize(p) + (Files.isSymbolicLink(p) ? " -> " + Files.readSymbolicLink(p)
                            : Files.isRegularFile(p) ? " " + Files.size(p) : "/");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
            return String.join("\n", rows);
        }
    }
}
