package io.jailcell.container;

import io.jailcell.linux.ProcEnviron;
import java.util.List;

/**
 * What a process killed half way through a start leaves, and how it goes: the helper it spawned (waiting for GO,
 * which then kills its child itself, or already following the program), CNI plugins still adding the container to
 * its network, the cgroup, the address lease and NAT rules of the attachment recorded before ADD. The helpers are
 * found by the {@code JAILCELL_CONTAINER=ID} entry the runtime puts in their environment, the plugins by
 * {@code CNI_CONTAINERID=ID}; a plugin is let finish (killed half way it could leave what DEL does not know of),
 * so that the DEL that follows releases everything it made.
 */
final class InterruptedStart {
    /** The environment entry naming the container a helper works for. */
    static final String HELPER_TAG = "JAILCELL_CONTAINER";
    private static final long WAIT_NANOS = 20_000_000_000L;

    private InterruptedStart() {
    }

    /** The reason the record of such a container gives. */
    static String reason(StartMarker.Owner owner) {
        return "the start was interrupted: process " + owner + ", which was starting the container, ended before "
                + "the start completed (it was killed or crashed); its program was stopped and what the start had "
                + "made (cgroup, network attachment) was removed; start it again to run it";
    }

    /** Kills the helpers the start left and waits until they and the CNI plugins working for {@code id} are gone. */
    static void endProcesses(String id) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (;;) {
            List<Long> helpers = ProcEnviron.pidsWith(HELPER_TAG + "=" + id);
            for (long pid : helpers) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if ((helpers.isEmpty() && ProcEnviron.pidsWith("CNI_CONTAINERID=" + id).isEmpty())
                    || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
