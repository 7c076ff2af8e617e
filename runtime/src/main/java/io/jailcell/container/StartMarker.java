package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code containers/ID/starting}, a symlink to {@code PID:TICKS} of the process starting the container, from the
 * first thing a start makes until its record says running (or the start failed and was settled). A marker whose
 * process is gone means that process died half way through a start: the next look recovers what it left (see
 * {@link InterruptedStart}). A symlink because the kernel creates one atomically in one syscall: it also keeps two
 * processes from starting one container at once.
 */
final class StartMarker {
    static final String FILE = "starting";
    private static volatile String self;

    /** The process that owns a marker. */
    record Owner(long pid, long ticks) {
        boolean alive() {
            return Host.isSameProcess(pid, ticks);
        }

        @Override
        public String toString() {
            return Long.toString(pid);
        }
    }

    private StartMarker() {
    }

    /**
     * Marks the container in {@code dir} as being started by this process. A marker left by a process that is gone
     * is taken over (its start was recovered already, or it finished after saving the running record).
     *
     * @throws ContainerException when a live process is starting the same container
     */
    static void take(Path dir, String name) {
        Path link = dir.resolve(FILE);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.createSymbolicLink(link, Path.of(self()));
                return;
            } catch (FileAlreadyExistsException e) {
                Owner o = read(dir);
                if (o != null && o.alive()) {
                    throw new ContainerException(Kind.STATE, "container " + name + " is being started by process "
                            + o.pid() + " at this moment; wait for that start to finish");
                }
                release(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot mark " + dir + " as starting: " + e.getMessage(), e);
            }
        }
        throw new ContainerException(Kind.STATE, "container " + name + " is being started by other processes at "
                + "this moment; try again");
    }

    /** The marker's owner, or null when no start is marked. */
    static Owner read(Path dir) {
        return owner(dir.resolve(FILE));
    }

    /** The owner a marker symlink names ({@code PID:TICKS}), or null when there is no such link. */
    static Owner owner(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            String target = Files.readSymbolicLink(link).toString();
            int colon = target.indexOf(':');
            return new Owner(Long.parseLong(target.substring(0, colon)), Long.parseLong(target.substring(colon + 1)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return new Owner(0, 0); // unreadable: nobody alive owns it
        }
    }

    /** The owner of a marked start that is gone, or null when there is none (no marker, or its owner lives). */
    static Owner abandoned(Path dir) {
        Owner o = read(dir);
        return o == null || o.alive() ? null : o;
    }

    static void release(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE));
        } catch (IOException e) {
            // the directory went with the container; a leftover marker is taken over by the next start
        }
    }

    /** This process as an owner: {@code PID:TICKS}. */
    static String self() {
        String s = self;
        if (s == null) {
            long pid = Host.pid();
            s = pid + ":" + Host.startTicks(pid);
            self = s;
        }
        return s;
    }
}
