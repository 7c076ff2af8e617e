package io.jailcell.linux.mount;

/** The {@code MS_*} flags of mount(2) that plans use. */
public final class MountFlags {
    public static final long RDONLY = 1;
    public static final long NOSUID = 2;
    public static final long NODEV = 4;
    public static final long NOEXEC = 8;
    public static final long REMOUNT = 32;
    public static final long BIND = 4096;
    public static final long REC = 16384;
    public static final long PRIVATE = 1 << 18;
    public static final long RELATIME = 1 << 21;
    public static final long STRICTATIME = 1 << 24;

    private MountFlags() {
    }
}
