package io.jailcell.linux.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The network namespace a store's bridges live in, and so where the CNI plugins, {@code ip} and {@code iptables}
 * run: the host's (as root), or, rootless, the one of jailcell's namespace holder process, entered with
 * {@code nsenter --user --net --preserve-credentials}, where this user is root and may make bridges and veths.
 *
 * <pre>{@code
 * NetSpace.HOST.command(List.of("ip", "link"));          // [ip, link]
 * NetSpace.holder(4711).command(List.of("ip", "link"));  // [nsenter, --target, 4711, --user, --net, ...]
 * }</pre>
 *
 * @param holderPid the holder process, or 0 for the host's namespace
 */
public record NetSpace(long holderPid) {
    /** The host's network namespace (root). */
    public static final NetSpace HOST = new NetSpace(0);

    /** The user and network namespace of the holder process {@code pid}. */
    public static NetSpace holder(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a holder pid must be positive: " + pid);
        }
        return new NetSpace(pid);
    }

    public boolean isHost() {
        return holderPid == 0;
    }

    /** {@code argv} as run in this namespace. */
    public List<String> command(List<String> argv) {
        if (isHost()) {
            return argv;
        }
        List<String> all = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holderPid), "--user",
                "--net", "--preserve-credentials", "--"));
        all.addAll(argv);
        return all;
    }
}
