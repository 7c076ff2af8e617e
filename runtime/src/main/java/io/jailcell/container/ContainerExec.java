package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.helper.HelperSession;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.ns.Namespace;
import io.jailcell.linux.ns.NamespaceIds;
import io.jailcell.store.StoreRoot;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs another program in a running container for {@link ContainerEngine#exec}; made per exec, so that a JVM that
 * only starts containers never loads it.
 */
final class ContainerExec {
    private final StoreRoot root;
    private final LaunchPlanner planner;
    private final Supplier<Path> helper;

    ContainerExec(StoreRoot root, LaunchPlanner planner, Supplier<Path> helper) {
        this.root = root;
        this.planner = planner;
        this.helper = helper;
    }

    /** As {@link ContainerEngine#exec}, in {@code r} as just looked up. */
    Running exec(ContainerRecord r, List<String> argv, List<String> env, String workdir, String user, Stdio stdio) {
        if (r.status() != ContainerStatus.RUNNING) {
            throw new ContainerException(Kind.STATE, "container " + r.name() + " is not running");
        }
        if (argv.isEmpty()) {
            throw new ContainerException(Kind.INVALID, "exec needs a command");
        }
        Map<Namespace, String> self = NamespaceIds.of("self");
        Map<Namespace, String> theirs = NamespaceIds.of(Long.toString(r.pid()));
        Map<Namespace, Boolean> shared = new EnumMap<>(Namespace.class);
        theirs.forEach((ns, id) -> shared.put(ns, id.equals(self.get(ns))));
        List<Path> cgroupDirs = r.cgroups().values().stream().distinct().map(Path::of).toList();
        LaunchPlan plan = planner.execPlan(r, shared, argv, env, workdir, user, cgroupDirs);
        Path run = root.run();
        String token = ExecMarkers.take(run);
        try {
            HelperSession session = HelperSession.start(helper.get(), run, plan,
                    stdio != null ? stdio : Stdio.inherit(), pid -> { },
                    Map.of(InterruptedStart.HELPER_TAG, r.id(), ExecMarkers.HELPER_TAG, token));
            // Followed to its exit by this process; if it dies first, the next engine's sweep ends the exec.
            return new Running(session, exit -> ExecMarkers.release(run, token));
        } catch (KernelException e) {
            ExecMarkers.release(run, token);
            throw StartFailures.of(r, e);
        } catch (RuntimeException e) {
            ExecMarkers.release(run, token);
            throw e;
        }
    }
}
