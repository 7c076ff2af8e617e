package io.jailcell.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Deletes removed containers' directories on one background thread, off every caller's critical path. */
final class Trash {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jailcell-trash");
        t.setDaemon(true);
        return t;
    });
    private static final Set<Path> QUEUED = ConcurrentHashMap.newKeySet();

    private Trash() {
    }

    /** Empties {@code trash} soon; requests while a purge is queued fold into it. */
    static void purgeLater(Path trash) {
        if (QUEUED.add(trash)) {
            WORKER.execute(() -> {
                QUEUED.remove(trash);
                purge(trash);
            });
        }
    }

    static void purge(Path trash) {
        try (Stream<Path> entries = Files.list(trash)) {
            for (Path p : entries.toList()) {
                try {
                    ContainerEngine.deleteDir(p);
                } catch (RuntimeException e) {
                    // another process purges the same entry, or it is busy; the next purge retries
                }
            }
        } catch (IOException e) {
            // no trash directory yet
        }
    }
}
