package io.jailcell.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Cleanup that need not delay anyone: deleting removed containers' directories and removing the cgroups of
 * containers whose processes are all gone, on one background thread. A JVM that exits first leaves the rest to the
 * next engine's reconciliation.
 */
final class Janitor {
    // Anonymous classes rather than lambdas here and below: this runs on every cold CLI start, where linking
    // each lambda costs about half a millisecond (measured).
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(new ThreadFactory() {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "jailcell-janitor");
            t.setDaemon(true);
            return t;
        }
    });
    private static final Set<Path> QUEUED = ConcurrentHashMap.newKeySet();

    private Janitor() {
    }

    /** Runs {@code task} on the background thread; failures are left for the next reconciliation. */
    static void later(Runnable task) {
        WORKER.execute(new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // the next engine reconciles what is left
                }
            }
        });
    }

    /** Blocks until everything queued so far has run. */
    static void awaitIdle() {
        try {
            WORKER.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties {@code trash} soon; requests while a purge is queued fold into it. */
    static void purgeLater(Path trash) {
        if (QUEUED.add(trash)) {
            WORKER.execute(new Runnable() {
                @Override
                public void run() {
                    QUEUED.remove(trash);
                    purge(trash);
                }
            });
        }
    }

    static void purge(Path trash) {
        try (Stream<Path> entries = Files.list(trash)) {
            for (Path p : entries.toList()) {
                try {
                    deleteTree(p);
                } catch (RuntimeException e) {
                    // another process purges the same entry, or it is busy; the next purge retries
                }
            }
        } catch (IOException e) {
            // no trash directory yet
        }
    }

    /** {@code rm -rf dir}, also through the mode-000 directories overlayfs leaves in its work dir. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof AccessDeniedException && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
                        deleteTree(f);
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
