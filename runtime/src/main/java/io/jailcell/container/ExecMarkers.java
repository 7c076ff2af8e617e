package io.jailcell.container;

import io.jailcell.linux.ProcEnviron;
import io.jailcell.linux.Urandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The execs this store's processes follow: {@code run/x-TOKEN}, a symlink to {@code PID:TICKS} of the process
 * that started the exec, from before its helper is spawned until the exec's exit was read. The helper carries
 * {@code JAILCELL_EXEC=TOKEN} in its environment. An exec whose process died has nobody left to take its output
 * or its exit status, so the next engine's sweep kills its helper (and with it the command, by its parent-death
 * signal), as it would have died with a start.
 */
final class ExecMarkers {
    /** The environment entry naming the exec a helper runs. */
    static final String HELPER_TAG = "JAILCELL_EXEC";
    private static final String PREFIX = "x-";

    private ExecMarkers() {
    }

    /** Marks a new exec as followed by this process; returns its token. */
    static String take(Path runDir) {
        String token = Urandom.hex(8);
        try {
            Files.createSymbolicLink(runDir.resolve(PREFIX + token), Path.of(StartMarker.self()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the exec in " + runDir + ": " + e.getMessage(), e);
        }
        return token;
    }

    static void release(Path runDir, String token) {
        try {
            Files.deleteIfExists(runDir.resolve(PREFIX + token));
        } catch (IOException e) {
            // a leftover marker whose owner is gone is swept, killing nothing: the helper is gone too
        }
    }

    /** Kills the helpers of execs whose following process is gone, and drops their markers; returns how many. */
    static int sweep(Path runDir) {
        int swept = 0;
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(runDir, PREFIX + "*")) {
            for (Path m : markers) {
                String token = m.getFileName().toString().substring(PREFIX.length());
                StartMarker.Owner owner = StartMarker.owner(m);
                if (owner == null || owner.alive()) {
                    continue;
                }
                for (long pid : ProcEnviron.pidsWith(HELPER_TAG + "=" + token)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                release(runDir, token);
                swept++;
            }
        } catch (IOException e) {
            // no run directory yet
        }
        return swept;
    }
}
