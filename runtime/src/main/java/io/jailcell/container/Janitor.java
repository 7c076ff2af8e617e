package io.jailcell.container;

import io.jailcell.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
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
                    Trees.delete(p);
                } catch (RuntimeException e) {
                    // another process purges the same entry, or it is busy; the next purge retries
                }
            }
        } catch (IOException e) {
            // no trash directory yet
        }
    }
}
