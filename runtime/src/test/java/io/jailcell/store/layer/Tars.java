package io.jailcell.store.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test tars built in memory, and the GNU tar and mount commands the tests compare against. */
final class Tars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarWriter writer = new TarWriter(bytes);

    static Tars build() {
        return new Tars();
    }

    Tars dir(String name) {
        return add(TarEntry.dir(name), new byte[0]);
    }

    Tars file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return add(TarEntry.file(name, data.length), data);
    }

    Tars symlink(String name, String target) {
        return add(TarEntry.symlink(name, target), new byte[0]);
    }

    Tars hardlink(String name, String target) {
        return add(TarEntry.hardlink(name, target), new byte[0]);
    }

    Tars add(TarEntry entry, byte[] content) {
        try {
            writer.write(entry, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] bytes() {
        try {
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
    static String run(Path cwd, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(cwd == null ? null : cwd.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(String... command) {
        return run(null, command);
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
