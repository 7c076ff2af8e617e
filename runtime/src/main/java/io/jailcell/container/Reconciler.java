package io.jailcell.container;

import io.jailcell.linux.Host;
import io.jailcell.linux.Signals;
import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.store.Trees;
import io.jailcell.store.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Brings state files in line with the kernel, for whichever process looks first: records exits, notices helpers
 * that died, and applies {@code --rm}. There is no daemon to do it, so every read goes through here.
 */
final class Reconciler {
    private final StateStore states;
    private final Path trash;
    private final StoreCgroups cgroups;
    private final ContainerNetworks networks;
    private final VolumeStore volumes;

    Reconciler(StateStore states, Path trash, StoreCgroups cgroups, ContainerNetworks networks,
            VolumeStore volumes) {
        this.states = states;
        this.trash = trash;
        this.cgroups = cgroups;
        this.networks = networks;
        this.volumes = volumes;
    }

    /** Container {@code id}'s state file, brought up to date; empty when there is none (or --rm removed it). */
    Optional<ContainerRecord> load(String id) {
        Optional<ContainerRecord> r = states.load(id);
        return r.isEmpty() ? r : reconcile(r.get());
    }

    /** Records the exit this JVM saw (null: the helper died without saying) and applies {@code --rm}. */
    void finish(String id, ExitInfo exit) {
        Optional<ContainerRecord> loaded = states.load(id);
        if (loaded.isPresent()) {
            ContainerRecord r = loaded.get();
            if (r.status() == ContainerStatus.RUNNING && exit != null) {
                ContainerRecord ended = r.exited(exit.code(), exit.signaled() ? exit.value() : 0, Instant.now(),
                        oomKilled(exit));
                // With its own pid namespace the helper removes the cgroups itself, after reporting the exit.
                settle(ownPidNamespace(r) ? ended.withoutCgroups() : ended);
            } else {
                reconcile(r);
            }
        }
    }

    /**
     * A running container whose helper is gone has exited (per its exit file) or died; an exited {@code --rm}
     * container is removed (then the result is empty).
     */
    Optional<ContainerRecord> reconcile(ContainerRecord r) {
        if (r.status() == ContainerStatus.RUNNING && !Host.isSameProcess(r.helperPid(), r.helperTicks())) {
            Path exitFile = states.dir(r.id()).resolve("exit");
            Optional<TimedExit> e = readExit(exitFile);
            return settle(e.isPresent()
                    ? r.exited(e.get().info().code(), e.get().info().signaled() ? e.get().info().value() : 0,
                            e.get().at(), oomKilled(e.get().info()))
                    : r.dead("the helper process " + r.helperPid() + " ended without recording the "
                            + "exit of the program (it was killed, or the host restarted)"));
        }
        if (r.status() != ContainerStatus.RUNNING) {
            StartMarker.Owner starter = StartMarker.abandoned(states.dir(r.id()));
            if (starter != null) {
                return recoverStart(r, starter);
            }
        }
        if (r.config().autoRemove() && r.status() != ContainerStatus.RUNNING && r.status() != ContainerStatus.CREATED) {
            delete(r);
            return Optional.empty();
        }
        return Optional.of(r);
    }

    /**
     * A start whose process died half way: its helpers and CNI plugins end, its cgroup and network attachment go,
     * and the container is recorded dead with the reason (with {@code --rm} it goes). The state is read again first:
     * a start that saved the running record just before its process died had completed.
     */
    private Optional<ContainerRecord> recoverStart(ContainerRecord r, StartMarker.Owner starter) {
        Path dir = states.dir(r.id());
        Optional<ContainerRecord> now = states.load(r.id());
        if (now.isEmpty() || now.get().status() == ContainerStatus.RUNNING) {
            // It saved the running record just before it died: the start completed.
            StartMarker.release(dir);
            return now.isEmpty() ? now : reconcile(now.get());
        }
        InterruptedStart.endProcesses(r.id());
        cgroups.remove(r.id());
        Optional<ContainerRecord> result = settle(now.get().dead(InterruptedStart.reason(starter)));
        StartMarker.release(dir);
        return result;
    }

    /** Saves a record that reached its end, or removes its container when it was run with {@code --rm}. */
    Optional<ContainerRecord> settle(ContainerRecord ended) {
        ended = detach(ended);
        if (ended.config().autoRemove()) {
            delete(ended);
            return Optional.empty();
        }
        // Without a pid namespace PID 1's exit leaves its children running: the cgroup takes them all down.
        removeCgroup(ended);
        states.save(ended);
        return Optional.of(ended);
    }

    /** Removes a container; a {@code --rm} one takes its anonymous volumes along, as docker's does. */
    void delete(ContainerRecord r) {
        delete(r, r.config().autoRemove());
    }

    /**
     * Removes a container in one rename into the trash, so every process sees it gone at once; its files are
     * deleted in the background (and, after a crash, by the next engine). With {@code anonymousVolumes} its
     * anonymous volumes go too ({@code rm -v}), unless another container mounts one.
     */
    void delete(ContainerRecord r, boolean anonymousVolumes) {
        detach(r);
        removeCgroup(r);
        Path dir = states.dir(r.id());
        try {
            Files.move(dir, trash.resolve(r.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // already removed by another process
        } catch (IOException e) {
            Trees.delete(dir);
        }
        states.releaseName(r.name(), r.id());
        if (anonymousVolumes && AnonymousVolumes.hasAny(r.config())) {
            AnonymousVolumes.remove(r, volumes, states.list());
        }
        Janitor.purgeLater(trash);
    }

    /**
     * CNI DEL for an ended container's attachments (its address lease, port rules, veth), then the peers on its
     * networks drop it from their {@code /etc/hosts}. A failed DEL keeps the attachments in the record, so the
     * next look tries again.
     */
    private ContainerRecord detach(ContainerRecord r) {
        if (r.networks().isEmpty()) {
            return r;
        }
        try {
            networks.detach(r);
        } catch (RuntimeException e) {
            System.err.println("jailcell: detaching " + r.name() + " from its network failed, will retry: "
                    + e.getMessage());
            return r;
        }
        ContainerRecord detached = r.withNetworks(java.util.List.of());
        if (states.load(r.id()).isPresent()) {
            states.save(detached);
        }
        for (NetAttachment n : r.networks()) {
            networks.refreshHosts(n.network());
        }
        return detached;
    }

    /**
     * Whether the kernel's OOM killer ended the program: it died of SIGKILL (directly, or as the status an
     * {@code --init} reported) while its memory cgroup counted an OOM kill, as the helper read it.
     */
    private static boolean oomKilled(ExitInfo exit) {
        boolean killed = exit.signaled() ? exit.value() == Signals.SIGKILL : exit.code() == 128 + Signals.SIGKILL;
        return killed && exit.oomKill();
    }

    private static boolean ownPidNamespace(ContainerRecord r) {
        return "private".equals(r.config().namespaces().get("pid"));
    }

    /** Removes the cgroups of containers that are gone or ended (a crash between exit and cleanup). */
    void removeOrphanCgroups() {
        for (String id : cgroups.containerIds()) {
            Optional<ContainerRecord> r = states.load(id);
            if (r.isEmpty() || r.get().status() == ContainerStatus.EXITED || r.get().status() == ContainerStatus.DEAD) {
                cgroups.remove(id);
            }
        }
    }

    /**
     * Removes a container's cgroup, killing whatever PID 1 left behind when it had no pid namespace of its own.
     * Synchronous on purpose: in the background it contends with the next container's cgroup setup for the
     * kernel's cgroup lock, which measured slower overall.
     */
    private void removeCgroup(ContainerRecord r) {
        // A JVM killed half way through a start leaves a CREATED record whose cgroups were made but not recorded.
        if (!r.cgroups().isEmpty() || r.status() == ContainerStatus.CREATED) {
            cgroups.remove(r.id());
        }
    }

    private record TimedExit(ExitInfo info, Instant at) {
    }

    /** The helper's exit file: {@code "exited CODE MILLIS"} or {@code "signaled SIGNAL MILLIS"}. */
    private static Optional<TimedExit> readExit(Path file) {
        try {
            String line = Files.readString(file);
            String[] parts = line.trim().split(" ");
            Instant at = parts.length > 2 ? Instant.ofEpochMilli(Long.parseLong(parts[2])) : Instant.now();
            return Optional.of(new TimedExit(ExitInfo.parse(line), at));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
