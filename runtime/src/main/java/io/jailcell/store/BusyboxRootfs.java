package io.jailcell.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first base image: a root filesystem made from the host's statically linked busybox (Debian's
 * {@code busybox-static}) with a link for every applet, {@code /etc/passwd} and {@code /etc/group}. It lets a
 * container run on a machine that reaches no registry.
 */
public final class BusyboxRootfs {
    static final List<String> CANDIDATES = List.of("/bin/busybox", "/usr/bin/busybox", "/sbin/busybox");

    private BusyboxRootfs() {
    }

    /** The rootfs directory under {@code store}, made on first use (atomically, so two JVMs may race safely). */
    public static Path ensure(StoreRoot store) {
        Path dir = store.rootfs().resolve("busybox");
        if (Files.isRegularFile(dir.resolve("bin/busybox"))) {
            return dir;
        }
        Path busybox = findStaticBusybox();
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(store.rootfs(), ".busybox");
            build(busybox, tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                    | java.nio.file.DirectoryNotEmptyException e) {
                // another process made it first; ours is discarded below
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the busybox rootfs in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null && Files.exists(tmp)) {
                try {
                    Trees.delete(tmp);
                } catch (UncheckedIOException e) {
                    // a leftover temporary directory is harmless; the next ensure() does not look at it
                }
            }
        }
    }

    static Path findStaticBusybox() {
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isExecutable(p) && isStatic(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no statically linked busybox on this host: install Debian's "
                + "busybox-static (apt-get install busybox-static)");
    }

    // A static ELF has no PT_INTERP program header; the interpreter path string is the simplest tell.
    private static boolean isStatic(Path p) {
        try {
            byte[] head = Files.readAllBytes(p);
            String s = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
            return s.startsWith("\u007fELF") && !s.contains("/lib64/ld-linux") && !s.contains("/lib/ld-linux");
        } catch (IOException e) {
            return false;
        }
    }

    private static void build(Path busybox, Path root) throws IOException {
        for (String d : List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "tmp", "proc", "sys", "dev",
                "home", "var", "run")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Path bin = root.resolve("bin/busybox");
        Files.copy(busybox, bin);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets(busybox)) {
            Path link = root.resolve(applet.substring(1));
            if (!Files.exists(link) && !applet.equals("/bin/busybox")) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, link.getParent().relativize(bin));
            }
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                + "nobody:x:65534:65534:nobody:/home:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\ndaemon:x:1:\ntty:x:5:\nwheel:x:10:root\n"
                + "nogroup:x:65534:\n");
        Files.writeString(root.resolve("etc/hostname"), "busybox\n");
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n");
        // busybox-static's resolver is glibc's: without this file glibc asks DNS first and never reads
        // /etc/hosts when DNS says no, so wget could not find a peer container by name.
        Files.writeString(root.resolve("etc/nsswitch.conf"), "hosts: files dns\n");
    }

    private static List<String> applets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list-full").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(busybox + " --list-full failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> "/" + l).toList();
    }
}
