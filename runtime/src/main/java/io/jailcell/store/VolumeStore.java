package io.jailcell.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Named volumes, as docker lays them out: {@code ROOT/volumes/NAME/_data} is what containers mount. A volume lives
 * until it is removed, whatever happens to the containers that used it.
 */
public final class VolumeStore {
    private final Path dir;

    public VolumeStore(StoreRoot root) {
        this.dir = root.path().resolve("volumes");
    }

    /** The file beside {@code _data} that marks a volume made for one container (docker's anonymous label). */
    private static final String ANONYMOUS_MARK = "anonymous";

    /**
     * A volume: its name, the directory containers see, when it was made, and whether it is anonymous (made for
     * one container, not named by a user).
     */
    public record Volume(String name, Path data, FileTime created, boolean anonymous) {
    }

    /** The data directory of {@code name}, made empty (mode 0755) unless it exists; true in {@code created[0]}. */
    public Path ensure(String name, boolean[] created) {
        return ensure(name, false, created);
    }

    /**
     * As {@link #ensure(String, boolean[])}; a new {@code anonymous} volume is marked so before its data directory
     * appears, so that it is never listed unmarked.
     */
    public Path ensure(String name, boolean anonymous, boolean[] created) {
        Path data = dir.resolve(name).resolve("_data");
        try {
            Files.createDirectories(dir.resolve(name));
            if (anonymous && !Files.exists(data)) {
                try {
                    Files.createFile(dir.resolve(name).resolve(ANONYMOUS_MARK));
                } catch (FileAlreadyExistsException e) {
                    // marked already
                }
            }
            try {
                Files.createDirectory(data);
                if (created != null) {
                    created[0] = true;
                }
            } catch (FileAlreadyExistsException e) {
                // in use already
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where the data of volume {@code name} is, whether or not it exists. */
    public Path dataPath(String name) {
        return dir.resolve(name).resolve("_data");
    }

    public boolean exists(String name) {
        return Files.isDirectory(dir.resolve(name).resolve("_data"));
    }

    public Volume get(String name) {
        Path data = dir.resolve(name).resolve("_data");
        try {
            return new Volume(name, data, Files.getLastModifiedTime(dir.resolve(name)),
                    Files.exists(dir.resolve(name).resolve(ANONYMOUS_MARK)));
        } catch (IOException e) {
            throw new UncheckedIOException("no such volume: " + name, e);
        }
    }

    public List<Volume> list() {
        List<Volume> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> names = Files.list(dir)) {
            for (Path p : names.sorted().toList()) {
                if (Files.isDirectory(p.resolve("_data"))) {
                    all.add(get(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Deletes the volume and everything in it. */
    public void delete(String name) {
        Trees.delete(dir.resolve(name));
    }
}
