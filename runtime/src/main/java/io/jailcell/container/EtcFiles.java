package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A networked container's {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /etc/hostname}: files in its
 * directory, bind-mounted over the image's as podman does. {@code hosts} is rewritten in place (never replaced),
 * so the bind mount shows the peers that come and go on the container's networks.
 */
final class EtcFiles {
    static final List<String> FILES = List.of("hosts", "resolv.conf", "hostname");

    private EtcFiles() {
    }

    /** The host-side file that is mounted at {@code /etc/NAME}. */
    static Path file(Path containerDir, String name) {
        return containerDir.resolve("etc-" + name);
    }

    /** Writes the three files before the start (hosts without the container's address, known only after ADD). */
    static void prepare(Path dir, String hostname, List<String> extraHosts) {
        write(file(dir, "hostname"), hostname + "\n");
        write(file(dir, "resolv.conf"), resolvConf());
        write(file(dir, "hosts"), hosts(hostname, "", "", List.of(), extraHosts));
    }

    /**
     * {@code /etc/hosts}: localhost, the container's own address with its hostname and name, the peers on its
     * networks ({@code IP NAME}), then {@code --add-host} entries.
     */
    static String hosts(String hostname, String name, String ip, List<String> peers, List<String> extraHosts) {
        StringBuilder sb = new StringBuilder();
        sb.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        if (!ip.isEmpty()) {
            sb.append(ip).append('\t').append(hostname);
            if (!name.isEmpty() && !name.equals(hostname)) {
                sb.append(' ').append(name);
            }
            sb.append('\n');
        }
        for (String p : peers) {
            sb.append(p).append('\n');
        }
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            sb.append(h, colon + 1, h.length()).append('\t').append(h, 0, colon).append('\n');
        }
        return sb.toString();
    }

    /** Checks {@code --add-host NAME:IP}. */
    static void checkExtraHost(String h) {
        int colon = h.indexOf(':');
        if (colon <= 0 || colon == h.length() - 1) {
            throw new ContainerException(Kind.INVALID, "invalid --add-host '" + h + "': use NAME:IP, e.g. "
                    + "db:10.87.0.5");
        }
    }

    /**
     * The host's resolver configuration without loopback name servers (unreachable from the container's own
     * network namespace); docker's public fallback when none is left.
     */
    static String resolvConf() {
        StringBuilder sb = new StringBuilder();
        boolean server = false;
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String t = line.trim();
                if (t.startsWith("nameserver")) {
                    String addr = t.substring("nameserver".length()).trim();
                    if (addr.startsWith("127.") || addr.equals("::1")) {
                        continue;
                    }
                    server = true;
                }
                if (t.startsWith("nameserver") || t.startsWith("search") || t.startsWith("options")) {
                    sb.append(t).append('\n');
                }
            }
        } catch (IOException e) {
            // no host resolver configuration: use the fallback
        }
        if (!server) {
            sb.append("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
        }
        return sb.toString();
    }

    /**
     * Replaces the content in place, because the same inode stays bind-mounted in the container: unchanged content
     * is left alone, and new content is written over the old before the file is cut to length, so a program
     * reading it meanwhile never finds it empty.
     */
    static void write(Path file, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() == bytes.length) {
                java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(bytes.length);
                while (old.hasRemaining() && ch.read(old) >= 0) {
                    // read it all
                }
                if (java.util.Arrays.equals(old.array(), bytes)) {
                    return;
                }
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            long at = 0;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.truncate(bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
