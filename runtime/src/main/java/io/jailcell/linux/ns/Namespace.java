package io.jailcell.linux.ns;

import java.util.Locale;

/** The Linux namespace kinds, with their clone flag and their file under {@code /proc/PID/ns}. */
public enum Namespace {
    // Order matters when joining: the user namespace first, so that the others are joined with its privileges.
    USER("user", 0x10000000),
    MOUNT("mnt", 0x00020000),
    PID("pid", 0x20000000),
    UTS("uts", 0x04000000),
    IPC("ipc", 0x08000000),
    NET("net", 0x40000000),
    CGROUP("cgroup", 0x02000000);

    private final String procName;
    private final int cloneFlag;

    Namespace(String procName, int cloneFlag) {
        this.procName = procName;
        this.cloneFlag = cloneFlag;
    }

    /** The file name under {@code /proc/PID/ns/}, e.g. {@code mnt}. */
    public String procName() {
        return procName;
    }

    /** The {@code CLONE_NEW*} flag, also the {@code nstype} argument of {@code setns(2)}. */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** Parses {@code mnt}, {@code mount}, {@code pid}, ... case-insensitively. */
    public static Namespace parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Namespace ns : values()) {
            if (ns.procName.equals(n) || ns.name().toLowerCase(Locale.ROOT).equals(n)) {
                return ns;
            }
        }
        throw new IllegalArgumentException("unknown namespace '" + name
                + "': use one of user, mnt, pid, uts, ipc, net, cgroup");
    }
}
