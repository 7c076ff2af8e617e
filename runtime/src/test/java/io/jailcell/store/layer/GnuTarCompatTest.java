package io.jailcell.store.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GnuTarCompatTest {
    private static final String LONG = "d/" + "n".repeat(120) + "/file-with-a-long-name-" + "x".repeat(30);

    @TempDir
    Path dir;

    @Test
    void ourTar_listedAndExtractedByGnuTar() throws Exception {
        byte[] tar = Tars.build()
                .dir("d")
                .add(TarEntry.file(LONG, 3).withOwner(3_000_000, 7).withMtime(1_600_000_000L, 0), "abc".getBytes())
                .symlink("d/link", "/" + "L".repeat(150))
                .hardlink("d/hard", LONG)
                .bytes();
        Path file = Files.write(dir.resolve("ours.tar"), tar);

        String listing = Tars.run("tar", "-tvf", file.toString(), "--numeric-owner");
        Path out = Files.createDirectory(dir.resolve("out"));
        Tars.run("tar", "-xf", file.toString(), "-C", out.toString());

        assertThat(listing).contains("3000000/7", LONG, "d/hard link to " + LONG, "d/link -> /LLL");
        assertThat(Files.readString(out.resolve(LONG))).isEqualTo("abc");
        assertThat(Files.readSymbolicLink(out.resolve("d/link")).toString()).hasSize(151);
        assertThat(Files.isSameFile(out.resolve("d/hard"), out.resolve(LONG))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pax", "gnu", "ustar"})
    void gnuTar_readByOurs(String format) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("hello.txt"), "hello world");
        String name = format.equals("ustar") ? "short" : "z".repeat(140);
        Files.writeString(src.resolve(name), "long");
        Files.createSymbolicLink(src.resolve("ln"), Path.of("hello.txt"));
        Files.createLink(src.resolve("hard"), src.resolve("hello.txt"));
        Path tar = dir.resolve(format + ".tar");
        String owner = format.equals("ustar") ? "1000" : "3000000";
        Tars.run(dir.resolve("src"), "tar", "--format=" + format, "--owner=" + owner, "--group=" + owner,
                "--mtime=@1234567890", "--sort=name", "-cf", tar.toString(), "sub");

        Map<String, TarEntry> entries = new HashMap<>();
        Map<String, String> contents = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
                TarReader reader = new TarReader(in)) {
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                entries.put(e.name(), e);
                contents.put(e.name(), new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(entries).containsKeys("sub", "sub/hello.txt", "sub/" + name, "sub/ln", "sub/hard");
        assertThat(entries.get("sub").type()).isEqualTo(TarEntry.Type.DIR);
        assertThat(contents.get("sub/" + name)).isEqualTo("long");
        assertThat(entries.get("sub/ln").linkName()).isEqualTo("hello.txt");
        TarEntry hard = entries.get("sub/hard").type() == TarEntry.Type.HARDLINK ? entries.get("sub/hard")
                : entries.get("sub/hello.txt");
        assertThat(hard.type()).isEqualTo(TarEntry.Type.HARDLINK);
        assertThat(entries.get("sub/hello.txt").uid()).isEqualTo(Long.parseLong(owner));
        assertThat(entries.get("sub/hello.txt").mtimeSeconds()).isEqualTo(1234567890L);
    }

    @Test
    void gnuTarPaxXattrs_readByOurs() throws Exception {
        Path src = Files.createDirectories(dir.resolve("x"));
        Path file = Files.writeString(src.resolve("f"), "1");
        io.jailcell.linux.fs.FileCalls.system().lsetxattr(file.toString(), "user.color", "blue".getBytes());
        Path tar = dir.resolve("x.tar");
        Tars.run(dir, "tar", "--format=pax", "--xattrs", "--xattrs-include=*", "-cf", tar.toString(), "x");

        TarEntry f = null;
        try (TarReader reader = new TarReader(Files.newInputStream(tar))) {
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.name().equals("x/f")) {
                    f = e;
                }
            }
        }

        assertThat(f).isNotNull();
        assertThat(new String(f.xattrs().get("user.color"), StandardCharsets.UTF_8)).isEqualTo("blue");
    }
}
