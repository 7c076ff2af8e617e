package io.jailcell.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Finds out, without changing anything, which container features this host and user have. */
public final class HostProbe {
    /** The standard CNI plugins jailcell drives. */
    public static final List<String> CNI_PLUGINS = List.of("bridge", "host-local", "loopback", "portmap", "firewall");
    static final List<String> CNI_DIRS = List.of("/usr/lib/cni", "/opt/cni/bin", "/usr/libexec/cni");

    /** What was found. */
    public record Result(
            String kernel,
            boolean root,
            boolean userNamespaces,
            String userNamespacesNote,
            boolean overlay,
            String cgroupVersion,
            List<String> cgroupV1Controllers,
            List<String> cgroupV2Controllers,
            Map<String, String> cniPlugins,
            boolean seccomp,
            String busybox) {
    }

    private HostProbe() {
    }

    public static Result probe() {
        boolean root = Host.isRoot();
        String usernsNote = userNamespaceNote(root);
        List<String> v1 = new ArrayList<>();
        boolean v2Mounted = false;
        Path v2Path = null;
        for (String line : lines("/proc/self/mountinfo")) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] after = halves[1].split(" ");
            String[] before = halves[0].split(" ");
            if (after[0].equals("cgroup2")) {
                v2Mounted = true;
                v2Path = Path.of(before[4]);
            } else if (after[0].equals("cgroup") && after.length > 2) {
                for (String opt : after[2].split(",")) {
                    if (!opt.equals("rw") && !opt.equals("ro") && !opt.startsWith("relatime")
                            && !opt.startsWith("name=") && !opt.equals("nosuid") && !opt.equals("nodev")
                            && !opt.equals("noexec") && !opt.equals("clone_children")) {
                        v1.add(opt);
                    }
                }
            }
        }
        List<String> v2 = new ArrayList<>();
        if (v2Path != null) {
            String controllers = read(v2Path.resolve("cgroup.controllers").toString()).trim();
            if (!controllers.isEmpty()) {
                v2.addAll(List.of(controllers.split(" ")));
            }
        }
        String version = !v1.isEmpty() && !v2.isEmpty() ? "hybrid (v1 and v2 controllers)"
                : !v1.isEmpty() ? (v2Mounted ? "v1 (with an empty cgroup2 mount: hybrid layout)" : "v1")
                : v2Mounted ? "v2" : "none";
        Map<String, String> cni = new LinkedHashMap<>();
        for (String plugin : CNI_PLUGINS) {
            for (String dir : CNI_DIRS) {
                Path p = Path.of(dir, plugin);
                if (Files.isExecutable(p)) {
                    cni.put(plugin, p.toString());
                    break;
                }
            }
        }
        boolean seccomp = lines("/proc/self/status").stream().anyMatch(l -> l.startsWith("Seccomp:"));
        String busybox = List.of("/bin/busybox", "/usr/bin/busybox").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        return new Result(read("/proc/sys/kernel/osrelease").trim(), root, usernsNote == null,
                usernsNote, new TreeSet<>(lines("/proc/filesystems")).stream().anyMatch(l -> l.endsWith("overlay")),
                version, v1, v2, cni, seccomp, busybox);
    }

    /** Null when user namespaces can be created; otherwise why not and what to change. */
    private static String userNamespaceNote(boolean root) {
        String max = read("/proc/sys/user/max_user_namespaces").trim();
        if (max.equals("0")) {
            return "user namespaces are disabled (user.max_user_namespaces = 0); set it above 0 with sysctl";
        }
        if (!root && read("/proc/sys/kernel/unprivileged_userns_clone").trim().equals("0")) {
            return "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0); "
                    + "enable them with sysctl, or run as root";
        }
        if (!root && read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").trim().equals("1")) {
            return "AppArmor restricts unprivileged user namespaces "
                    + "(kernel.apparmor_restrict_unprivileged_userns = 1); allow them with sysctl, or run as root";
        }
        if (!Files.exists(Path.of("/proc/self/ns/user"))) {
            return "this kernel has no user namespaces (CONFIG_USER_NS)";
        }
        return null;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
