package io.jailcell.linux.ns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Reads the namespace ids of a process: the inode numbers behind {@code /proc/PID/ns/*}. */
public final class NamespaceIds {
    private NamespaceIds() {
    }

    /** The ids of every namespace of {@code pid} ({@code "self"} works too); kinds the kernel lacks are left out. */
    public static Map<Namespace, String> of(String pid) {
        Map<Namespace, String> ids = new EnumMap<>(Namespace.class);
        for (Namespace ns : Namespace.values()) {
            try {
                // The link target reads like "mnt:[4026531841]".
                String target = Files.readSymbolicLink(Path.of("/proc", pid, "ns", ns.procName())).toString();
                ids.put(ns, target.substring(target.indexOf('[') + 1, target.length() - 1));
            } catch (IOException | RuntimeException e) {
                // the process is gone or this kernel has no such namespace: leave it out
            }
        }
        return ids;
    }
}
