package io.jailcell.linux.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a container's cgroup is.
 *
 * <pre>{@code
 * Placement p = cgroups.create("c0ffee");
 * p.procFiles();          // [/sys/fs/cgroup/jailcell/c0ffee/cgroup.procs]
 * p.paths().get("unified") // /sys/fs/cgroup/jailcell/c0ffee (v1: keys "memory", "pids", ...)
 * p.join(pid);            // move a process in
 * p.deviceProgramCgroup() // where the eBPF device program goes (cgroup v2), or null
 * }</pre>
 *
 * @param procFiles the {@code cgroup.procs} files, one per hierarchy, a pid is written into to join
 * @param paths the cgroup directory per v1 controller, or under {@code "unified"} for cgroup v2 (also on a hybrid
 *              host where the device program needs a cgroup2 directory)
 * @param deviceProgramCgroup the cgroup v2 directory (among {@code paths}) to attach the container's
 *              {@link DeviceProgram} to; null where devices are confined otherwise ({@link DeviceControl})
 */
public record Placement(List<Path> procFiles, Map<String, Path> paths, Path deviceProgramCgroup) {

    public Placement {
        procFiles = List.copyOf(procFiles);
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /** A placement without a device program. */
    public Placement(List<Path> procFiles, Map<String, Path> paths) {
        this(procFiles, paths, null);
    }

    /** No cgroup at all (cgroups are unavailable). */
    public static Placement none() {
        return new Placement(List.of(), Map.of());
    }

    public boolean isEmpty() {
        return procFiles.isEmpty();
    }

    /** Moves process {@code pid} (all its threads) into the cgroup in every hierarchy. */
    public void join(long pid) {
        byte[] value = Long.toString(pid).getBytes(StandardCharsets.US_ASCII);
        for (Path procs : procFiles) {
            try {
                Files.write(procs, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move process " + pid + " into cgroup " + procs.getParent()
                        + " (writing " + procs + "): " + CgroupTree.reason(e) + CgroupTree.hint(e, ""), e);
            }
        }
    }
}
