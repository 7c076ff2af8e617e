package io.jailcell.linux.helper;

/**
 * The wire format between Java and {@code jailcell-helper.c} (keep both in sync).
 *
 * <p>The helper connects to a UNIX socket the JVM listens on and sends {@code HELLO(token)}. Java sends the plan as
 * records {@code u16 tag, u32 length, payload} ending with {@link #END}; integers are little-endian, strings are
 * {@code u32 length + bytes}. The helper answers {@code CHILD_PID}; Java does the parent-side work (id maps,
 * cgroups) and sends one byte, {@link #GO} or {@link #ABORT}. Then come {@code STARTED} or {@code ERROR}, and
 * {@code EXIT}. Events are {@code u32 length, u8 type, payload}.
 */
final class PlanTag {
    static final int END = 0;
    static final int CLONE_FLAGS = 1;
    static final int JOIN_NS = 2;
    static final int ROOTFS = 3;
    static final int MOUNT = 4;
    static final int SYMLINK = 5;
    static final int MASK = 6;
    static final int READONLY = 7;
    static final int HOSTNAME = 8;
    static final int ARG = 9;
    static final int ENV = 10;
    static final int CWD = 11;
    static final int USER = 12;
    static final int GROUP = 13;
    static final int CAPS = 14;
    static final int RLIMIT = 15;
    static final int NO_NEW_PRIVS = 16;
    static final int ROOTFS_READONLY = 17;
    static final int EXIT_FILE = 18;
    static final int INIT = 19;
    static final int MKDIR = 20;
    static final int NS_ROOT = 21;
    static final int LOOPBACK_UP = 22;
    static final int CGROUP = 23;
    /**
     * The seccomp filter as a classic BPF program ({@code struct sock_filter[]}, see {@link SeccompCompiler}), loaded
     * with {@code PR_SET_SECCOMP} just before execve. The helper refuses a plan whose program is not 1 to 4096
     * whole instructions.
     */
    static final int SECCOMP = 24;
    /**
     * The cgroup v2 device program: the cgroup directory (string), then u32 n + n bytes of {@code struct bpf_insn}.
     * Loaded and attached to that cgroup by the helper before it clones the child.
     */
    static final int DEVICE_PROGRAM = 25;
    /**
     * A lower dir of the overlay root (string; one record each) to be mounted idmapped to the child's user namespace:
     * with any of these, the helper, still host root, mounts the overlay (the first rootfs step) itself in the
     * child's mount namespace once the id maps are written, over idmapped lowers, and the child skips that step.
     * Root's image layers are owned by host root, which a user namespace mapping root to 100000 cannot reach.
     */
    static final int IDMAP_LOWER = 26;
    /**
     * The helper's working directory (string), which relative paths in mount options start from. The helper
     * changes to it once it has the plan: it is spawned before the plan exists.
     */
    static final int MOUNT_BASE = 27;
    /**
     * Flag: nothing is to be done between the clone and the program's start on the parent's side (no id maps, no
     * network to attach), so the helper lets the child go at once instead of waiting for GO; the runtime still gets
     * CHILD_PID, then STARTED. Spares a round trip through the JVM, about 0.5 ms a start.
     */
    static final int GO_AT_ONCE = 28;
    /**
     * A rootfs step: a character device node, u32 major, u32 minor, then the path inside the container (string);
     * made with mknod, mode 0666, or where that is refused, the host's node of the same path bound over a file.
     */
    static final int MKNOD = 29;

    static final byte GO = 1;
    static final byte ABORT = 2;

    static final int EVENT_HELLO = 1;
    static final int EVENT_CHILD_PID = 2;
    static final int EVENT_STARTED = 3;
    static final int EVENT_ERROR = 4;
    static final int EVENT_EXIT = 5;

    private PlanTag() {
    }
}
