package io.jailcell.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CellClasspathTest {

    @Test
    void manifestEntriesResolveInLibOrFlat(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("b.jar"), "");
        assertThat(CellClasspath.resolve(dir, "lib/a.jar lib/b.jar lib/missing.jar"))
                .containsExactly(dir.resolve("lib/a.jar"), dir.resolve("b.jar"));
        assertThat(CellClasspath.resolve(dir, null)).isEmpty();
        assertThat(CellClasspath.resolve(dir, "  ")).isEmpty();
    }

    @Test
    void aClassesDirectoryIsTheWholePath(@TempDir Path dir) {
        assertThat(CellClasspath.of(dir)).containsExactly(dir);
    }
}
