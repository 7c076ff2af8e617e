package io.jailcell.linux;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Linux capabilities by their kernel number (linux/capability.h). */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE,
    NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO, SYS_CHROOT,
    SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE,
    AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ,
    PERFMON, BPF, CHECKPOINT_RESTORE;

    /** The 14 capabilities Docker grants a container by default. */
    public static final Set<Capability> DOCKER_DEFAULTS = Collections.unmodifiableSet(EnumSet.of(
            CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP,
            NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE));

    /** Parses {@code SYS_ADMIN}, {@code CAP_SYS_ADMIN} or {@code sys_admin}; {@code ALL} is handled by callers. */
    public static Capability parse(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("CAP_")) {
            n = n.substring(4);
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown capability '" + name + "': use a name like NET_ADMIN or "
                    + "CAP_NET_ADMIN (see capabilities(7))");
        }
    }

    /** The set as the 64-bit mask the kernel uses. */
    public static long mask(Set<Capability> caps) {
        long mask = 0;
        for (Capability c : caps) {
            mask |= 1L << c.ordinal();
        }
        return mask;
    }

    /** The name Docker and capabilities(7) use, e.g. {@code CAP_NET_RAW}. */
    public String capName() {
        return "CAP_" + name();
    }
}
