package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.linux.cgroup.CgroupStats;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** What containers may use and do use: limits ({@code docker update}), live stats, cgroup files and tree. */
public final class ContainerResources {
    private final StateStore states;
    private final StoreCgroups cgroups;
    private final Function<String, ContainerRecord> get;

    ContainerResources(StateStore states, StoreCgroups cgroups, Function<String, ContainerRecord> get) {
        this.states = states;
        this.cgroups = cgroups;
        this.get = get;
    }

    /**
     * Changes the resource limits of a container ({@code docker update}): at once in its cgroup when it runs,
     * and in its configuration for any later start. Returns the updated record.
     */
    public ContainerRecord update(String nameOrId, CgroupLimits change) {
        ContainerRecord r = get.apply(nameOrId);
        CgroupLimits merged = r.config().limits().merge(change);
        if (r.status() == ContainerStatus.RUNNING && !r.cgroups().isEmpty()) {
            apply(r, merged);
        }
        ContainerRecord updated = r.withConfig(r.config().withLimits(merged));
        states.save(updated);
        return updated;
    }

    /**
     * The live usage of a running container, from its cgroup; without one (rootless without delegation) what
     * {@code /proc} shows of the processes in its pid namespace.
     */
    public CgroupStats stats(String nameOrId) {
        ContainerRecord r = get.apply(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            return CgroupStats.EMPTY;
        }
        return r.cgroups().isEmpty() ? ProcStats.of(r) : cgroups.stats(r.id());
    }

    /**
     * The processes of a running container, sorted by host pid ({@code docker top}); empty once it exits.
     *
     * @throws ContainerException STATE when the container is not running
     */
    public java.util.List<ProcessTable.Process> top(String nameOrId) {
        ContainerRecord r = get.apply(nameOrId);
        if (r.status() != ContainerStatus.RUNNING) {
            throw new ContainerException(Kind.STATE, "container " + r.name() + " is not running (start it first: "
                    + "its processes are gone)");
        }
        return new ProcessTable(java.nio.file.Path.of("/proc")).of(r);
    }

    /** The interface files of the container's cgroup and their values, per controller (for teaching). */
    public Map<String, Map<String, String>> cgroupFiles(String nameOrId) {
        ContainerRecord r = get.apply(nameOrId);
        return r.cgroups().isEmpty() ? Map.of() : cgroups.files(r.id());
    }

    /** Writes {@code limits} into the container's cgroup, with errors the API can classify. */
    void apply(ContainerRecord r, CgroupLimits limits) {
        if (limits.isEmpty()) {
            return;
        }
        try {
            cgroups.apply(r.id(), limits);
        } catch (IllegalArgumentException e) {
            throw new ContainerException(Kind.INVALID, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ContainerException(Kind.MISSING_FEATURE, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ContainerException(Kind.START_FAILED, e.getMessage(), 125, e);
        }
    }

    /**
     * The cgroup hierarchies as a notebook draws them: for each hierarchy its root, the {@code jailcell} parent,
     * and a node per container cgroup (named after this store's containers), with their processes.
     */
    public Map<String, CgroupTrees.Node> cgroupTree() {
        Map<String, String> names = new LinkedHashMap<>();
        for (ContainerRecord r : states.list()) {
            names.put(r.id(), r.name());
        }
        return CgroupTrees.read(cgroups.roots(), dirName -> {
            String id = cgroups.containerId(dirName);
            return id == null ? null : names.get(id);
        });
    }
}
