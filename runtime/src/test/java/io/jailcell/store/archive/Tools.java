package io.jailcell.store.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference tools of the interop test. podman runs on a private root and runroot (vfs, so no mounts), with
 * its events off and, in a private mount namespace, a tmpfs over {@code /var/lib/containers}, so that even its
 * blob-info cache leaves the host's podman as it was.
 */
final class Tools {
    private Tools() {
    }

    static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Path.of(dir, tool).toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command; its stdout, or an assertion error with its stderr when it fails. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                    "/dev/null"))).start();
            byte[][] err = new byte[1][];
            Thread t = new Thread(() -> {
                try {
                    err[0] = p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    err[0] = new byte[0];
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + ": timed out");
            }
            t.join();
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                        + new String(err[0], StandardCharsets.UTF_8) + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@code args} in a private mount namespace with a tmpfs over /var/lib/containers. */
    static String isolated(String... args) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs jc-it /var/lib/containers && exec \"$@\"", "sh"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(new String[0]));
    }

    /** podman on the private store under {@code dir}. */
    static String podman(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(), "--runroot",
                dir.resolve("run").toString(), "--tmpdir", dir.resolve("tmp").toString(), "--storage-driver", "vfs",
                "--events-backend", "none", "--cgroup-manager", "cgroupfs"));
        cmd.addAll(List.of(args));
        return isolated(cmd.toArray(new String[0]));
    }
}
