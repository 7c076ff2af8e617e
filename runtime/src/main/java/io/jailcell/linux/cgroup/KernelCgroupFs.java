package io.jailcell.linux.cgroup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link CgroupFs} on the real cgroupfs. */
final class KernelCgroupFs implements CgroupFs {

    @Override
    public boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean mkdir(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    @Override
    public String readUpTo(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void write(Path file, String value) throws IOException {
        // No CREATE: cgroupfs refuses new files, and a missing one should read as missing, not as EPERM.
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void writeEach(Path file, List<String> values) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String value : values) {
                ByteBuffer b = ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
    }

    @Override
    public void rmdir(Path dir) throws IOException {
        Files.delete(dir);
    }

    @Override
    public List<Path> subdirs(Path dir) throws IOException {
        return entries(dir, true);
    }

    @Override
    public List<Path> files(Path dir) throws IOException {
        return entries(dir, false);
    }

    private static List<Path> entries(Path dir, boolean directories) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                boolean wanted = directories ? Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                if (wanted) {
                    found.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return found;
    }
}
