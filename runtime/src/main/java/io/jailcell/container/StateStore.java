package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Container state files under {@code ROOT/containers/ID/state.json} and name reservations under
 * {@code ROOT/names/NAME -> ID}. Writes go to a temporary file renamed over the old one, so a crash at any point
 * leaves either the old or the new state. Name reservations are symlinks, which the kernel creates atomically, so
 * two JVMs cannot take one name.
 */
final class StateStore {
    private final Path containers;
    private final Path names;

    StateStore(Path containers, Path names) {
        this.containers = containers;
        this.names = names;
    }

    Path dir(String id) {
        return containers.resolve(id);
    }

    void save(ContainerRecord record) {
        Path dir = dir(record.id());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("state.json.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                StateJson.write(record, out);
            }
            try {
                Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of container " + record.name() + ": "
                    + e.getMessage(), e);
        }
    }

    Optional<ContainerRecord> load(String id) {
        Path file = dir(id).resolve("state.json");
        try {
            try (InputStream in = Files.newInputStream(file)) {
                return Optional.of(StateJson.read(in));
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the state file " + file + " is unreadable (" + e.getMessage()
                    + "); remove that container directory to discard it", e);
        }
    }

    List<ContainerRecord> list() {
        List<ContainerRecord> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(containers)) {
            dirs.forEach(d -> load(d.getFileName().toString()).ifPresent(all::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(Comparator.comparing(ContainerRecord::created).reversed());
        return all;
    }

    /** Finds a container by name, full id or unique id prefix. */
    String resolve(String nameOrId) {
        if (nameOrId == null || !Names.isWellFormed(nameOrId)) {
            throw new ContainerException(Kind.NOT_FOUND, "No such container: '" + nameOrId + "'");
        }
        try {
            return Files.readSymbolicLink(names.resolve(nameOrId)).toString();
        } catch (IOException e) {
            // not a name; try ids
        }
        if (Files.isDirectory(dir(nameOrId))) {
            return nameOrId;
        }
        List<String> matches = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(containers)) {
            dirs.map(d -> d.getFileName().toString()).filter(id -> id.startsWith(nameOrId)).forEach(matches::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new ContainerException(Kind.NOT_FOUND, "No such container: " + nameOrId
                    + " (jailcell ps -a lists them)");
        }
        throw new ContainerException(Kind.NOT_FOUND, "Multiple containers match id prefix " + nameOrId
                + ": give more of the id");
    }

    /**
     * Takes {@code name} for {@code id}, whose directory must exist already; a reservation whose container
     * directory is gone (a crash between the two) is taken over.
     */
    void reserveName(String name, String id) {
        Path link = names.resolve(name);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.createSymbolicLink(link, Path.of(id));
                return;
            } catch (FileAlreadyExistsException e) {
                String owner = owner(link);
                if (owner == null && Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new ContainerException(Kind.CONFLICT, "the name reservation " + link + " is not a "
                            + "symlink to a container id; remove that file to use the name " + name);
                }
                if (owner != null && Files.isDirectory(dir(owner))) {
                    throw new ContainerException(Kind.CONFLICT, "Conflict. The container name \"/" + name
                            + "\" is already in use by container \"" + owner + "\". You have to remove (or rename) "
                            + "that container to be able to reuse that name.");
                }
                releaseName(name, owner);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new ContainerException(Kind.CONFLICT, "the name " + name + " is being taken and released by other "
                + "processes at this moment; try again");
    }

    void releaseName(String name, String id) {
        Path link = names.resolve(name);
        String owner = owner(link);
        if (owner != null && (id == null || owner.equals(id))) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String owner(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return null;
        }
    }
}
