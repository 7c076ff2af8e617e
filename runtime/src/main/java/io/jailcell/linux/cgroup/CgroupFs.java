package io.jailcell.linux.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The few file operations the managers make on cgroupfs. Tests replace it with a fake over a temp dir, where
 * directories hold regular files that a real cgroupfs makes and removes by itself.
 */
interface CgroupFs {
    CgroupFs KERNEL = new KernelCgroupFs();

    boolean exists(Path path);

    /** Creates the directory; false when it already exists. */
    boolean mkdir(Path dir) throws IOException;

    String read(Path file) throws IOException;

    /** The first {@code maxBytes} bytes of the file, all of it when shorter (for inspecting files of any size). */
    String readUpTo(Path file, int maxBytes) throws IOException;

    /** Writes the value with one write(2) into an existing file. */
    void write(Path file, String value) throws IOException;

    /**
     * Writes each value with its own write(2) into an existing file, opened once. Never joined into one write:
     * v1 {@code devices.allow} applies the first rule of a write and silently drops the rest.
     */
    default void writeEach(Path file, List<String> values) throws IOException {
        for (String value : values) {
            write(file, value);
        }
    }

    /** rmdir(2): on cgroupfs the interface files go with the directory. */
    void rmdir(Path dir) throws IOException;

    /** The child directories (child cgroups); empty when {@code dir} is missing. */
    List<Path> subdirs(Path dir) throws IOException;

    /** The regular files in {@code dir} (a cgroup's interface files); empty when {@code dir} is missing. */
    List<Path> files(Path dir) throws IOException;
}
