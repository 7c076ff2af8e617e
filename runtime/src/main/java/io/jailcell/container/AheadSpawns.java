package io.jailcell.container;

import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.helper.HelperSpawn;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Helpers spawned for containers that are about to start attached ({@code run} without {@code -d}): the spawn
 * begins before the container is created, so the JVM's start of the helper process, its exec and its connect
 * overlap the image lookup, the container's files and its plan. The start takes its helper when the stdio matches;
 * a container removed, or started otherwise, ends its helper, which had no plan and held nothing. A JVM that exits
 * with one unused leaves no process either: the helper ends when its socket closes.
 */
final class AheadSpawns {
    private final Supplier<Path> helper;
    private final Path runDir;
    private final Map<String, HelperSpawn> spawns = new ConcurrentHashMap<>();

    AheadSpawns(Supplier<Path> helper, Path runDir) {
        this.helper = helper;
        this.runDir = runDir;
    }

    /** Starts the helper for container {@code id}, to be started with {@code stdio}. */
    void begin(String id, Stdio stdio, Map<String, String> env) {
        HelperSpawn previous = spawns.put(id, HelperSpawn.ahead(helper.get(), runDir, stdio, env));
        if (previous != null) {
            previous.close();
        }
    }

    /** The helper spawned for {@code id} if it has this stdio; null otherwise (an unsuitable one is ended). */
    HelperSpawn take(String id, Stdio stdio) {
        HelperSpawn spawn = spawns.remove(id);
        if (spawn != null && !spawn.stdio().equals(stdio)) {
            spawn.close();
            return null;
        }
        return spawn;
    }

    /** Ends the helper spawned for {@code id}, if any. */
    void discard(String id) {
        HelperSpawn spawn = spawns.remove(id);
        if (spawn != null) {
            spawn.close();
        }
    }
}
