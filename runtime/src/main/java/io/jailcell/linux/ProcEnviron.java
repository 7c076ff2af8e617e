package io.jailcell.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds processes by an entry of their environment ({@code /proc/PID/environ}), e.g. the helpers of one container,
 * which the runtime starts with {@code JAILCELL_CONTAINER=ID}, or the CNI plugins working for it
 * ({@code CNI_CONTAINERID=ID}). Only processes whose environment this user may read are seen. A walk over all of
 * {@code /proc}: for recovery after a crash, never for a hot path.
 *
 * <pre>{@code
 * List<Long> helpers = ProcEnviron.pidsWith("JAILCELL_CONTAINER=" + id);
 * }</pre>
 */
public final class ProcEnviron {
    private ProcEnviron() {
    }

    /** The pids of live processes whose environment holds exactly {@code entry} ({@code NAME=VALUE}). */
    public static List<Long> pidsWith(String entry) {
        byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
        long self = Host.pid();
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : procs) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid != self && holds(p.resolve("environ"), wanted)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc: " + e.getMessage(), e);
        }
        return pids;
    }

    private static boolean holds(Path environ, byte[] wanted) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone, a kernel thread, or another user's
        }
        for (int start = 0; start < env.length; ) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - start == wanted.length && java.util.Arrays.equals(env, start, end, wanted, 0, wanted.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
