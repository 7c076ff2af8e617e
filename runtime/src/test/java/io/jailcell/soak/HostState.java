package io.jailcell.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What jailcell can leave on the host for one store, counted: mounts under the store, the store's container cgroups,
 * veths on its bridges (and on the host), iptables rules (nat and filter; those of the store's bridges), entries of
 * {@code /run/netns}, CNI host-local leases in the store's IPAM directory, container, trash and run-directory
 * entries, and processes running the store's helper binary. {@link #leaks(HostState, Collection)} compares two.
 * As root: other users' processes and iptables are not readable otherwise.
 *
 * <pre>{@code
 * HostState before = HostState.capture(store);
 * ... // cycle containers
 * List<String> leaks = HostState.capture(store).leaks(before, ids);
 * }</pre>
 */
public record HostState(int mounts, int cgroups, int bridgeVeths, int hostVeths, int natRules, int filterRules,
                        int storeRules, int netns, int leases, int containerDirs, int trash, int runEntries,
                        int helpers, List<String> rules) {

    /** Counts what is on the host now for the store at {@code root}. */
    public static HostState capture(Path root) {
        List<String> bridges = bridges(root);
        int bridgeVeths = 0;
        for (String b : bridges) {
            bridgeVeths += count(Path.of("/sys/class/net", b, "brif"));
        }
        List<String> nat = iptables("nat");
        List<String> filter = iptables("filter");
        List<String> all = new ArrayList<>(nat);
        all.addAll(filter);
        int storeRules = 0;
        for (String rule : all) {
            for (String b : bridges) {
                if (rule.contains("jailcell:" + b + " ") || rule.contains("jailcell:" + b + "\"")
                        || rule.endsWith("jailcell:" + b)) {
                    storeRules++;
                    break;
                }
            }
        }
        return new HostState(mounts(root), cgroups(root), bridgeVeths, countHostVeths(), nat.size(), filter.size(),
                storeRules, count(Path.of("/run/netns")), leases(root), count(root.resolve("containers")),
                count(root.resolve("trash")), count(root.resolve("run")), helpers(root), all);
    }

    /**
     * What {@code this} (after) has that {@code before} had not, store-specific: a mount, cgroup, veth on a store
     * bridge, rule of a store bridge or naming one of {@code ids}, lease, container, trash or run entry, helper.
     * Host-wide counts (all veths, all rules, {@code /run/netns}) are reported, not judged: other stores on the host
     * change them too.
     */
    public List<String> leaks(HostState before, Collection<String> ids) {
        List<String> leaks = new ArrayList<>();
        more(leaks, "mounts", before.mounts, mounts);
        more(leaks, "container cgroups", before.cgroups, cgroups);
        more(leaks, "veths on the store's bridges", before.bridgeVeths, bridgeVeths);
        more(leaks, "iptables rules of the store's bridges", before.storeRules, storeRules);
        more(leaks, "CNI leases", before.leases, leases);
        more(leaks, "container directories", before.containerDirs, containerDirs);
        more(leaks, "trash entries", before.trash, trash);
        more(leaks, "run directory entries (sockets, exec markers)", before.runEntries, runEntries);
        more(leaks, "helper processes", before.helpers, helpers);
        for (String rule : rules) {
            for (String id : ids) {
                if (rule.contains(id)) {
                    leaks.add("iptables rule naming container " + id + ": " + rule);
                }
            }
        }
        return leaks;
    }

    @Override
    public String toString() {
        return String.format("mounts %d, cgroups %d, veths %d on the store's bridges / %d on the host, iptables "
                + "rules %d nat + %d filter (%d of the store's bridges), /run/netns %d, leases %d, containers %d, "
                + "trash %d, run %d, helpers %d", mounts, cgroups, bridgeVeths, hostVeths, natRules, filterRules,
                storeRules, netns, leases, containerDirs, trash, runEntries, helpers);
    }

    private static void more(List<String> leaks, String what, int before, int after) {
        if (after > before) {
            leaks.add((after - before) + " " + what + " (" + before + " before, " + after + " after)");
        }
    }

    private static int mounts(Path root) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return (int) lines.filter(l -> l.contains(root.toString())).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Cgroups named {@code STOREKEY-ID} under a {@code jailcell} parent, as the runtime names them. */
    private static int cgroups(Path root) {
        CRC32 crc = new CRC32();
        crc.update(root.toString().getBytes(StandardCharsets.UTF_8));
        String key = String.format("%08x-", crc.getValue());
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> dirs = Files.find(Path.of("/sys/fs/cgroup"), 4, (p, a) -> a.isDirectory()
                    && p.getParent() != null && p.getParent().getFileName().toString().equals("jailcell")
                    && p.getFileName().toString().startsWith(key))) {
                return (int) dirs.count();
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt >= 20) {
                    return -1;
                }
                // a cgroup went while the walk was in it (another store's, on this host): walk again
            }
        }
    }

    private static List<String> bridges(Path root) {
        List<String> bridges = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("networks"), "*.conflist")) {
            for (Path f : files) {
                String json = Files.readString(f);
                int i = json.indexOf("\"bridge\" : \"");
                if (i >= 0) {
                    int start = i + "\"bridge\" : \"".length();
                    bridges.add(json.substring(start, json.indexOf('"', start)));
                }
            }
        } catch (IOException e) {
            // no networks
        }
        return bridges;
    }

    private static int countHostVeths() {
        try {
            Process p = new ProcessBuilder("ip", "-o", "link", "show", "type", "veth").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? (int) out.lines().count() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** host-local's lease files: one per address, named by it, in {@code networks/ipam/NETWORK/}. */
    private static int leases(Path root) {
        int n = 0;
        try (DirectoryStream<Path> nets = Files.newDirectoryStream(root.resolve("networks/ipam"))) {
            for (Path net : nets) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(net)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        n += name.equals("lock") || name.startsWith("last_reserved_ip") ? 0 : 1;
                    }
                }
            }
        } catch (IOException e) {
            // no IPAM directory
        }
        return n;
    }

    private static int helpers(Path root) {
        int n = 0;
        Path helperDir = root.resolve("helper");
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : procs) {
                try {
                    n += Files.readSymbolicLink(p.resolve("exe")).startsWith(helperDir) ? 1 : 0;
                } catch (IOException | UnsupportedOperationException e) {
                    // not a process, a kernel thread, or gone
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    private static List<String> iptables(String table) {
        try {
            Process p = new ProcessBuilder("iptables", "-w", "-t", table, "-S").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static int count(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
