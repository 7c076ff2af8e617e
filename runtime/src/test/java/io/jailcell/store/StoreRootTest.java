package io.jailcell.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRootTest {
    @TempDir
    Path tmp;

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void at_normalizesToAnAbsolutePath() {
        StoreRoot root = StoreRoot.at(tmp.resolve("a/../jc"));

        assertThat(root.path()).isEqualTo(tmp.toAbsolutePath().resolve("jc"));
        assertThat(root).hasToString(tmp.toAbsolutePath().resolve("jc").toString());
    }

    @Test
    void at_createsNothingUntilADirIsAskedFor() {
        StoreRoot.at(tmp.resolve("jc"));

        assertThat(tmp.resolve("jc")).doesNotExist();
    }

    @Test
    void run_isCreatedPrivateToTheUser() throws IOException {
        Path run = StoreRoot.at(tmp.resolve("jc")).run();

        assertThat(run).isEqualTo(tmp.resolve("jc/run")).isDirectory();
        assertThat(perms(run)).isEqualTo("rwx------");
    }

    @Test
    void names_isCreatedPrivateToTheUser() throws IOException {
        Path names = StoreRoot.at(tmp.resolve("jc")).names();

        assertThat(names).isEqualTo(tmp.resolve("jc/names"));
        assertThat(perms(names)).isEqualTo("rwx------");
    }

    @Test
    void containers_isTraversableButNotListableByOthers() throws IOException {
        Path containers = StoreRoot.at(tmp.resolve("jc")).containers();

        assertThat(containers).isEqualTo(tmp.resolve("jc/containers"));
        assertThat(perms(containers)).isEqualTo("rwx--x--x");
    }

    @Test
    void helpersAndRootfs_areWorldReadable() throws IOException {
        StoreRoot root = StoreRoot.at(tmp.resolve("jc"));

        assertThat(root.helpers()).isEqualTo(tmp.resolve("jc/helper"));
        assertThat(perms(root.helpers())).isEqualTo("rwxr-xr-x");
        assertThat(root.rootfs()).isEqualTo(tmp.resolve("jc/rootfs"));
        assertThat(perms(root.rootfs())).isEqualTo("rwxr-xr-x");
    }

    @Test
    void dirs_askedAgain_returnTheSamePathWithoutError() throws IOException {
        StoreRoot root = StoreRoot.at(tmp.resolve("jc"));
        Path first = root.run();
        Files.writeString(first.resolve("keep"), "x");

        assertThat(root.run()).isEqualTo(first);
        assertThat(first.resolve("keep")).hasContent("x");
    }

    @Test
    void dirs_underAFile_failSayingToSetJailcellRoot() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "");
        StoreRoot root = StoreRoot.at(file.resolve("jc"));

        assertThatThrownBy(root::run)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot create " + file.resolve("jc/run") + ": ")
                .hasMessageEndingWith(" (set JAILCELL_ROOT to a directory you can write)");
    }
}
