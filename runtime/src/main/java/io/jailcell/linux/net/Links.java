package io.jailcell.linux.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The host's network interfaces as {@code /sys/class/net} shows them, and the few changes jailcell makes. */
public final class Links {
    private static final Path SYS = Path.of("/sys/class/net");

    private Links() {
    }

    public static boolean exists(String name) {
        return Files.exists(SYS.resolve(name));
    }

    /**
     * Whether {@code space} has the interface {@code name}. A holder's namespace is read from
     * {@code /proc/PID/net/dev} (this process's {@code /sys} shows the host's): no process is started for it.
     */
    public static boolean exists(NetSpace space, String name) {
        if (space.isHost()) {
            return exists(name);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(space.holderPid()), "net", "dev"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return true;
                }
            }
        } catch (IOException e) {
            // the holder is gone, and its interfaces with it
        }
        return false;
    }

    /** Deletes a link in {@code space} ({@code ip link del}); a missing one is no error. */
    public static void delete(NetSpace space, String name) {
        if (exists(space, name)) {
            Commands.Result r = Commands.run(space.command(List.of("ip", "link", "del", name)));
            if (!r.ok() && exists(space, name)) {
                throw new NetException(NetException.Reason.FAILED, "cannot delete the interface " + name + ": "
                        + r.output().trim());
            }
        }
    }

    /** The interface's MAC address, or empty. */
    public static String mac(String name) {
        try {
            return Files.readString(SYS.resolve(name).resolve("address")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every interface on the host whose name starts with {@code prefix}. */
    public static List<String> named(String prefix) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(SYS)) {
            s.forEach(p -> {
                if (p.getFileName().toString().startsWith(prefix)) {
                    names.add(p.getFileName().toString());
                }
            });
        } catch (IOException e) {
            // no sysfs: nothing to report
        }
        names.sort(null);
        return names;
    }

    /** The ports (veth host ends) enslaved to {@code bridge}. */
    public static List<String> bridgePorts(String bridge) {
        List<String> ports = new ArrayList<>();
        try (Stream<Path> s = Files.list(SYS.resolve(bridge).resolve("brif"))) {
            s.forEach(p -> ports.add(p.getFileName().toString()));
        } catch (IOException e) {
            // no such bridge (yet)
        }
        ports.sort(null);
        return ports;
    }

    /** The ports enslaved to {@code bridge} in {@code space}; a holder's are listed by {@code ip link}. */
    public static List<String> bridgePorts(NetSpace space, String bridge) {
        if (space.isHost()) {
            return bridgePorts(bridge);
        }
        List<String> ports = new ArrayList<>();
        Commands.Result r = Commands.run(space.command(List.of("ip", "-o", "link", "show", "master", bridge)));
        if (r.ok()) {
            for (String line : r.output().split("\n")) {
                // "7: veth1a2b3c4d@if2: <BROADCAST,...> ..."
                String[] f = line.split(": ", 3);
                if (f.length == 3) {
                    int at = f[1].indexOf('@');
                    ports.add(at < 0 ? f[1] : f[1].substring(0, at));
                }
            }
        }
        ports.sort(null);
        return ports;
    }

    /**
     * Lets {@code interface} route packets from 127.0.0.0/8 ({@code net.ipv4.conf.IF.route_localnet=1}), which
     * the portmap plugin's DNAT of {@code 127.0.0.1:PORT} to a container needs; podman sets it the same way.
     */
    public static void routeLocalnet(String iface) {
        Path p = Path.of("/proc/sys/net/ipv4/conf", iface, "route_localnet");
        try {
            if (!Files.readString(p).trim().equals("1")) {
                Files.writeString(p, "1");
            }
        } catch (IOException e) {
            throw new NetException(NetException.Reason.FAILED, "cannot set " + p + " (" + e.getMessage()
                    + "): publishing on 127.0.0.1 needs it", e);
        }
    }

    /**
     * What the kernel shows inside the network namespace of process {@code pid}: {@code ip -br addr} and
     * {@code ip route} lines, run there with {@code nsenter}.
     */
    public static List<String> inside(long pid, String what) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid)));
        if (!io.jailcell.linux.Host.isRoot()) {
            // Rootless, the namespace belongs to a user namespace of ours: entering that first gives the right.
            argv.addAll(List.of("-U", "--preserve-credentials"));
        }
        argv.addAll(List.of("-n", "ip"));
        argv.addAll(what.equals("route") ? List.of("route", "show") : List.of("-br", "addr", "show"));
        Commands.Result r = Commands.run(argv);
        List<String> lines = new ArrayList<>();
        if (r.ok()) {
            for (String l : r.output().split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l.trim().replaceAll("\\s+", " "));
                }
            }
        }
        return lines;
    }
}
