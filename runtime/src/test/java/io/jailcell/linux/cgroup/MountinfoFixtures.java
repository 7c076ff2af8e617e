package io.jailcell.linux.cgroup;

/** {@code /proc/self/mountinfo} and {@code /proc/self/cgroup} of the host layouts cgroup detection must tell apart. */
final class MountinfoFixtures {
    private static final String BASE = """
            22 27 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            23 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
            27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
            """;

    /** CentOS 7 style: v1 only, cpu and cpuacct co-mounted, net_cls,net_prio, and the named systemd hierarchy. */
    static final String V1_ONLY = BASE + """
            25 22 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup \
            rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
            29 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup \
            rw,cpu,cpuacct
            30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,memory
            31 25 0:27 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpuset
            32 25 0:28 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,pids
            33 25 0:29 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,freezer
            34 25 0:30 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup \
            rw,net_cls,net_prio
            """;

    static final String V1_ONLY_CGROUP = """
            11:net_cls,net_prio:/
            10:freezer:/
            9:pids:/user.slice
            8:cpuset:/
            7:memory:/user.slice
            6:cpu,cpuacct:/user.slice
            1:name=systemd:/user.slice/user-1000.slice/session-2.scope
            """;

    /** Debian 12 style: one cgroup2 mount at /sys/fs/cgroup. */
    static final String V2_ONLY = BASE + """
            31 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 \
            rw,nsdelegate,memory_recursiveprot
            """;

    static final String V2_ONLY_CGROUP = """
            0::/user.slice/user-1000.slice/user@1000.service/app.slice/jupyter.service
            """;

    /** This CI machine: v1 controllers, the named systemd hierarchy, and a cgroup2 mount without controllers. */
    static final String HYBRID_EMPTY_V2 = BASE + """
            31 22 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    static final String HYBRID_CGROUP = """
            9:name=systemd:/
            8:pids:/
            7:blkio:/
            6:freezer:/
            5:devices:/
            4:memory:/process_api/f5434b0e1d203894c7e08dfaa222ec91
            3:cpuset:/
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    /** systemd's hybrid layout booted with cgroup_no_v1=all: the controllers are all in cgroup2. */
    static final String HYBRID_V2_CONTROLLERS = BASE + """
            25 22 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 \
            rw,nsdelegate
            27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup \
            rw,xattr,name=systemd
            """;

    /** A container or chroot without any cgroup mount. */
    static final String NO_CGROUPFS = BASE;

    /** A container that got its host's cgroup2 read-only (Docker's default without --privileged). */
    static final String V2_READ_ONLY = BASE + """
            31 22 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw,nsdelegate
            """;

    private MountinfoFixtures() {
    }
}
