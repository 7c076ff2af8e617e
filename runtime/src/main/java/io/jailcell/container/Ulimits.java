package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.Syscalls;
import io.jailcell.linux.helper.LaunchPlan;
import java.util.List;
import java.util.Locale;

/** Parses {@code --ulimit name=soft[:hard]} and checks it against the hard limits this process holds. */
final class Ulimits {
    // RLIMIT_* in kernel order (asm-generic/resource.h).
    private static final List<String> NAMES = List.of("cpu", "fsize", "data", "stack", "core", "rss", "nproc",
            "nofile", "memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime");

    private Ulimits() {
    }

    static LaunchPlan.Rlimit parse(String spec, Syscalls sys) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new ContainerException(Kind.INVALID, "invalid ulimit '" + spec + "': use name=soft[:hard], e.g. "
                    + "nofile=1024:2048");
        }
        String name = spec.substring(0, eq).toLowerCase(Locale.ROOT);
        int resource = NAMES.indexOf(name);
        if (resource < 0) {
            throw new ContainerException(Kind.INVALID, "invalid ulimit '" + spec + "': unknown resource '" + name
                    + "'; use one of " + String.join(", ", NAMES));
        }
        String[] values = spec.substring(eq + 1).split(":", -1);
        long soft;
        long hard;
        try {
            soft = value(values[0]);
            hard = values.length > 1 ? value(values[1]) : soft;
        } catch (NumberFormatException e) {
            throw new ContainerException(Kind.INVALID, "invalid ulimit '" + spec + "': values are numbers or "
                    + "'unlimited'");
        }
        if (values.length > 2 || (hard != Syscalls.Rlimit.INFINITY
                && (soft == Syscalls.Rlimit.INFINITY || Long.compareUnsigned(soft, hard) > 0))) {
            throw new ContainerException(Kind.INVALID, "invalid ulimit '" + spec + "': the soft limit must not "
                    + "exceed the hard limit");
        }
        Syscalls.Rlimit host = sys.getrlimit(resource);
        if (!host.allows(hard)) {
            throw new ContainerException(Kind.INVALID, "ulimit " + name + " hard limit " + show(hard)
                    + " is above this host's hard limit " + show(host.hard()) + ": raising it needs CAP_SYS_RESOURCE,"
                    + " which jailcell does not hold here; ask for at most " + name + "=" + show(host.hard()));
        }
        return new LaunchPlan.Rlimit(resource, soft, hard);
    }

    private static long value(String v) {
        if (v.equals("unlimited") || v.equals("-1")) {
            return Syscalls.Rlimit.INFINITY;
        }
        long n = Long.parseLong(v);
        if (n < 0) {
            throw new NumberFormatException("negative limit " + v);
        }
        return n;
    }

    private static String show(long v) {
        return v == Syscalls.Rlimit.INFINITY ? "unlimited" : Long.toString(v);
    }
}
