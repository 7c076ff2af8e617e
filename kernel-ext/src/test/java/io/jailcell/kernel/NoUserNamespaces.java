package io.jailcell.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A restricted host for a test: a user namespace that root makes, mapping host uids 0-65535 to themselves, with
 * {@code user.max_user_namespaces} set to 0 inside it. The ucount limits are per user namespace and checked up
 * the chain, so nothing in it can make another user namespace, while the host's own setting is untouched.
 * {@link #asNobody()} runs a command in it as uid 65534: rootless, without user namespaces.
 *
 * <pre>{@code
 * try (NoUserNamespaces host = new NoUserNamespaces(dir)) {
 *     Jupyter.run(dir, Map.of(), host.asNobody(), Duration.ofMinutes(1), "unshare", "--user", "true");  // fails
 * }
 * }</pre>
 */
final class NoUserNamespaces implements AutoCloseable {
    private final Process holder;
    private final String pid;

    /** Makes the namespace ({@code dir} holds the command logs of its setup). */
    NoUserNamespaces(Path dir) throws Exception {
        holder = new ProcessBuilder("unshare", "--user", "sleep", "infinity").start();
        pid = Long.toString(holder.pid());
        try {
            Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns/user"));
            for (int i = 0; i < 100 && Files.readSymbolicLink(Path.of("/proc", pid, "ns/user")).equals(ours); i++) {
                Thread.sleep(20);     // unshare has not unshared yet
            }
            Files.writeString(Path.of("/proc", pid, "uid_map"), "0 0 65536\n");
            Files.writeString(Path.of("/proc", pid, "gid_map"), "0 0 65536\n");
            Jupyter.run(dir, Map.of(), List.of(), Duration.ofSeconds(30), "nsenter", "--user", "--target", pid,
                    "sh", "-c", "echo 0 > /proc/sys/user/max_user_namespaces");
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The prefix that runs a command in the namespace as uid and gid 65534 (nobody), with no other groups. */
    List<String> asNobody() {
        return List.of("nsenter", "--user", "--target", pid, "setpriv", "--reuid=" + TutorialRun.NOBODY,
                "--regid=" + TutorialRun.NOBODY, "--clear-groups");
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroyForcibly().waitFor();
    }
}
