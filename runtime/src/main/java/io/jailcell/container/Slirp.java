package io.jailcell.container;

import io.jailcell.linux.Host;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * slirp4netns for the rootless holder's network namespace: a {@code tap0} there whose packets it carries out
 * through its user-mode TCP/IP stack, which is how a rootless network reaches the outside. Started with
 * {@code --disable-host-loopback}, so the host's 127.0.0.1 stays out of reach of containers, and in its own
 * session ({@code setsid}), so a Ctrl-C at the terminal of the command that started it does not end it.
 */
final class Slirp {
    static final String LOG = "slirp4netns.log";
    static final String SOCKET = "slirp4netns.sock";
    static final String INTERNAL = "the rootless network is internal: its containers reach each other, not the "
            + "outside; ";
    private static final long WAIT_MILLIS = 5000;

    /** A started slirp4netns (pid 0 when none runs) and the note for users when there is none. */
    record Started(long pid, long ticks, String note) {
    }

    private Slirp() {
    }

    static Started start(long holderPid, Path dir) {
        Path binary = onPath("slirp4netns");
        if (binary == null) {
            return new Started(0, -1, INTERNAL + "install slirp4netns (apt-get install slirp4netns) for outbound "
                    + "access");
        }
        Path socket = dir.resolve(SOCKET);
        Path log = dir.resolve(LOG);
        List<String> argv = new ArrayList<>();
        Path setsid = onPath("setsid");
        if (setsid != null) {
            argv.add(setsid.toString());
        }
        argv.addAll(List.of(binary.toString(), "--configure", "--mtu=65520", "--disable-host-loopback",
                "--api-socket", socket.toString(), Long.toString(holderPid), NetnsHolder.TAP));
        Process p;
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(log);
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Started(0, -1, INTERNAL + "slirp4netns could not be started: " + e.getMessage());
        }
        // The API socket is made once the tap is configured in the namespace: then outbound access works.
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(socket)) {
                return new Started(p.pid(), Host.startTicks(p.pid()), "");
            }
            if (!p.isAlive()) {
                return new Started(0, -1, INTERNAL + "slirp4netns failed: " + failure(log));
            }
            sleep();
        }
        p.destroyForcibly();
        return new Started(0, -1, INTERNAL + "slirp4netns did not configure " + NetnsHolder.TAP + " within "
                + WAIT_MILLIS / 1000 + " s (" + failure(log) + ")");
    }

    /** The last line slirp4netns wrote before it gave up, with the fix for the usual cause. */
    private static String failure(Path log) {
        String last = "no message";
        try {
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank() && !line.startsWith("child failed")) {
                    last = line.trim();
                }
            }
        } catch (IOException e) {
            // no log: the generic message
        }
        return last + (last.contains("/dev/net/tun") ? " (it needs /dev/net/tun open to this user: mode 0666, as "
                + "udev makes it on a standard system)" : "");
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name);
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
