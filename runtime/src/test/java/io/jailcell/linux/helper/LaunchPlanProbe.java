package io.jailcell.linux.helper;

import java.nio.file.Path;
import java.util.List;

/**
 * Test-only read access to the package-private fields of a {@link LaunchPlan}, for tests in other packages (the
 * planner's) that must check settings the public accessors do not expose.
 */
public final class LaunchPlanProbe {
    private LaunchPlanProbe() {
    }

    public static List<String> env(LaunchPlan p) {
        return p.env;
    }

    public static String hostname(LaunchPlan p) {
        return p.hostname;
    }

    public static String cwd(LaunchPlan p) {
        return p.cwd;
    }

    public static Long uid(LaunchPlan p) {
        return p.uid;
    }

    public static Long gid(LaunchPlan p) {
        return p.gid;
    }

    public static List<Long> groups(LaunchPlan p) {
        return p.groups;
    }

    public static LaunchPlan.Caps caps(LaunchPlan p) {
        return p.caps;
    }

    public static List<LaunchPlan.Rlimit> rlimits(LaunchPlan p) {
        return p.rlimits;
    }

    public static Path rootfs(LaunchPlan p) {
        return p.rootfs;
    }

    public static boolean rootfsReadOnly(LaunchPlan p) {
        return p.rootfsReadOnly;
    }

    public static boolean noNewPrivs(LaunchPlan p) {
        return p.noNewPrivs;
    }

    public static boolean init(LaunchPlan p) {
        return p.init;
    }

    public static boolean loopbackUp(LaunchPlan p) {
        return p.loopbackUp;
    }

    public static Path exitFile(LaunchPlan p) {
        return p.exitFile;
    }
}
