package io.jailcell.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container's state file ({@code containers/ID/state.json}): who it is, what it was asked to be, and what
 * became of it. Immutable; changes produce a new record that the {@link StateStore} writes atomically.
 *
 * @param pid        the program's pid on the host, 0 when not running
 * @param pidTicks   the program's start time in clock ticks, which tells it from a later process with its pid
 * @param helperPid  the helper's pid on the host (the container's parent)
 * @param exitSignal the signal that killed the program, 0 when it exited by itself
 * @param error      why the start failed, when it did
 * @param cgroups    the container's cgroup directory per v1 controller, or {@code unified} for v2; empty when the
 *                   host gives this user no cgroups
 * @param oomKilled  the kernel's OOM killer ended the program (docker's {@code OOMKilled})
 * @param networks   its CNI network attachments while it runs (recorded before ADD, cleared after DEL)
 */
public record ContainerRecord(
        String id,
        String name,
        ContainerConfig config,
        ContainerStatus status,
        Instant created,
        Instant started,
        Instant finished,
        long pid,
        long pidTicks,
        long helperPid,
        long helperTicks,
        int exitCode,
        int exitSignal,
        String error,
        Map<String, String> namespaceIds,
        Map<String, String> cgroups,
        boolean oomKilled,
        List<NetAttachment> networks) {

    public ContainerRecord {
        namespaceIds = namespaceIds == null ? Map.of() : Map.copyOf(namespaceIds);
        cgroups = cgroups == null ? Map.of() : Map.copyOf(cgroups);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** A record without network attachments. */
    public ContainerRecord(String id, String name, ContainerConfig config, ContainerStatus status, Instant created,
            Instant started, Instant finished, long pid, long pidTicks, long helperPid, long helperTicks,
            int exitCode, int exitSignal, String error, Map<String, String> namespaceIds, Map<String, String> cgroups,
            boolean oomKilled) {
        this(id, name, config, status, created, started, finished, pid, pidTicks, helperPid, helperTicks, exitCode,
                exitSignal, error, namespaceIds, cgroups, oomKilled, List.of());
    }

    ContainerRecord withNetworks(List<NetAttachment> attached) {
        return new ContainerRecord(id, name, config, status, created, started, finished, pid, pidTicks, helperPid,
                helperTicks, exitCode, exitSignal, error, namespaceIds, cgroups, oomKilled, attached);
    }

    static ContainerRecord fresh(String id, String name, ContainerConfig config) {
        return new ContainerRecord(id, name, config, ContainerStatus.CREATED, Instant.now(), null, null, 0, 0, 0, 0,
                0, 0, null, Map.of(), Map.of(), false);
    }

    ContainerRecord running(long pid, long pidTicks, long helperPid, long helperTicks, Map<String, String> nsIds,
            Map<String, String> cgroupDirs) {
        return new ContainerRecord(id, name, config, ContainerStatus.RUNNING, created, Instant.now(), null, pid,
                pidTicks, helperPid, helperTicks, 0, 0, null, nsIds, cgroupDirs, false, networks);
    }

    ContainerRecord exited(int code, int signal, Instant at, boolean oom) {
        return new ContainerRecord(id, name, config, ContainerStatus.EXITED, created, started, at, 0, 0, 0, 0,
                code, signal, error, namespaceIds, cgroups, oom, networks);
    }

    /** The same record without cgroups: they are gone, or somebody else removes them. */
    ContainerRecord withoutCgroups() {
        return new ContainerRecord(id, name, config, status, created, started, finished, pid, pidTicks, helperPid,
                helperTicks, exitCode, exitSignal, error, namespaceIds, Map.of(), oomKilled, networks);
    }

    ContainerRecord withConfig(ContainerConfig newConfig) {
        return new ContainerRecord(id, name, newConfig, status, created, started, finished, pid, pidTicks, helperPid,
                helperTicks, exitCode, exitSignal, error, namespaceIds, cgroups, oomKilled, networks);
    }

    ContainerRecord failed(int code, String why) {
        return new ContainerRecord(id, name, config, ContainerStatus.EXITED, created, started, Instant.now(), 0, 0,
                0, 0, code, 0, why, namespaceIds, cgroups, false, networks);
    }

    ContainerRecord dead(String why) {
        return new ContainerRecord(id, name, config, ContainerStatus.DEAD, created, started, Instant.now(), 0, 0, 0,
                0, -1, 0, why, namespaceIds, cgroups, oomKilled, networks);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
