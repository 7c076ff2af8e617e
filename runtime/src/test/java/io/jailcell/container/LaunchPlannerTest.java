package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.linux.RecordingSyscalls;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.helper.LaunchPlanProbe;
import io.jailcell.linux.mount.MountFlags;
import io.jailcell.linux.mount.RootfsStep;
import io.jailcell.linux.ns.IdMapping;
import io.jailcell.linux.ns.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPlannerTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final long DOCKER_DEFAULT_CAPS = 0xa80425fbL;
    private static final int HOST_UID = 1234;
    private static final int HOST_GID = 5678;
    private static final RootfsStep.Mount FRESH_PROC = new RootfsStep.Mount("proc", "/proc", "proc",
            MountFlags.NOSUID | MountFlags.NODEV | MountFlags.NOEXEC, "",
            RootfsStep.Mount.IN_ROOT | RootfsStep.Mount.MKDIR);
    private static final Function<String, LaunchPlanner.Peer> NO_PEERS = name -> {
        throw new AssertionError("no peer expected, asked for " + name);
    };

    @TempDir
    Path tmp;
    Path image;
    Path dir;
    RecordingSyscalls sys;
    LaunchPlanner planner;

    @BeforeEach
    void setUp() throws IOException {
        image = tmp.resolve("busybox");
        Files.createDirectories(image.resolve("etc"));
        Files.createDirectories(image.resolve("bin"));
        Files.writeString(image.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                alice:x:1000:1000:Alice:/home/alice:/bin/sh
                """);
        Files.writeString(image.resolve("etc/group"), """
                root:x:0:
                wheel:x:10:alice
                alice:x:1000:
                far:x:70000:alice
                """);
        dir = tmp.resolve("containers").resolve(ID);
        // As a store's directories are: searchable by the root of a private user namespace (host uid 100000).
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        sys = new RecordingSyscalls().withRlimit(7, 1024, 4096);
        Path helpers = tmp.resolve("helpers");
        planner = new LaunchPlanner(sys, HOST_UID, HOST_GID, new SeccompPolicy(() -> HelperBinary.install(helpers)));
    }

    /** A mutable stand-in for the spec the public API turns into a ContainerConfig. */
    final class Cfg {
        List<String> command = List.of("sh", "-c", "echo hi");
        List<String> env = List.of();
        String workdir;
        String user;
        String hostname;
        Map<String, String> namespaces = new HashMap<>(Map.of("user", "private", "mnt", "private",
                "pid", "private", "uts", "private", "ipc", "private", "net", "private", "cgroup", "private"));
        List<String> capAdd = List.of();
        List<String> capDrop = List.of();
        List<String> ulimits = List.of();
        boolean readOnly;
        boolean init;
        boolean rootless = true;

        Cfg ns(String kind, String mode) {
            namespaces.put(kind, mode);
            return this;
        }

        /** What a root user gets by default: every namespace new except the user namespace. */
        Cfg asRoot() {
            rootless = false;
            namespaces.put("user", "host");
            return this;
        }

        ContainerConfig config() {
            return new ContainerConfig("busybox", null, List.of(image.toString()), command, env, workdir, user,
                    hostname, namespaces, capAdd, capDrop, ulimits, readOnly, init, "none", false, rootless, false,
                    CgroupLimits.NONE, List.of());
        }

        ContainerRecord record() {
            return ContainerRecord.fresh(ID, "test", config());
        }

        LaunchPlan plan() {
            return planner.plan(record(), dir, NO_PEERS, List.of());
        }

        LaunchPlan plan(Function<String, LaunchPlanner.Peer> peers) {
            return planner.plan(record(), dir, peers, List.of());
        }
    }

    private static List<RootfsStep.Mount> mounts(LaunchPlan plan) {
        return plan.rootfsSteps().stream().filter(RootfsStep.Mount.class::isInstance)
                .map(RootfsStep.Mount.class::cast).toList();
    }

    private static RootfsStep.Mount mountAt(LaunchPlan plan, String target) {
        List<RootfsStep.Mount> at = mounts(plan).stream().filter(m -> m.target().equals(target)).toList();
        assertThat(at).as("mounts on %s", target).hasSize(1);
        return at.get(0);
    }

    // --- namespaces and id maps

    @Test
    void plan_rootless_createsEveryNamespaceAndMapsRootToTheHostUser() {
        LaunchPlan plan = new Cfg().plan();

        assertThat(plan.newNamespaces()).isEqualTo(EnumSet.allOf(Namespace.class));
        assertThat(plan.joins()).isEmpty();
        assertThat(plan.uidMap()).containsExactly(new IdMapping(0, HOST_UID, 1));
        assertThat(plan.gidMap()).containsExactly(new IdMapping(0, HOST_GID, 1));
    }

    @Test
    void plan_rootlessOnABridgeNetwork_joinsTheHoldersUserNamespace_andMakesTheOthers() {
        LaunchPlan plan = planner.plan(new Cfg().record(), dir, NO_PEERS, List.of(), v -> null, 4711, null);

        assertThat(plan.joins()).containsExactly(new LaunchPlan.Join(Namespace.USER, Path.of("/proc/4711/ns/user")));
        assertThat(plan.newNamespaces()).isEqualTo(EnumSet.complementOf(EnumSet.of(Namespace.USER)));
        assertThat(plan.uidMap()).as("the holder's user namespace is mapped already").isEmpty();
        assertThat(plan.gidMap()).isEmpty();
    }

    @Test
    void plan_rootlessOnABridgeNetwork_refusesAUserTheHoldersOneIdMapLacks() {
        Cfg c = new Cfg();
        c.user = "1000";

        assertThatThrownBy(() -> planner.plan(c.record(), dir, NO_PEERS, List.of(), v -> null, 4711, null))
                .isInstanceOf(ContainerException.class).hasMessageContaining("maps only ids 0 to 0");
    }

    @Test
    void plan_asRootWithPrivateUserNamespace_mapsFirst65536IdsTo100000() {
        Cfg c = new Cfg();
        c.rootless = false;

        LaunchPlan plan = c.plan();

        assertThat(plan.newNamespaces()).contains(Namespace.USER);
        assertThat(plan.uidMap()).containsExactly(new IdMapping(0, 100000, 65536));
        assertThat(plan.gidMap()).containsExactly(new IdMapping(0, 100000, 65536));
    }

    @Test
    void plan_asRoot_hasNoUserNamespaceAndNoIdMaps() {
        LaunchPlan plan = new Cfg().asRoot().plan();

        assertThat(plan.newNamespaces()).isEqualTo(EnumSet.of(Namespace.MOUNT, Namespace.PID, Namespace.UTS,
                Namespace.IPC, Namespace.NET, Namespace.CGROUP));
        assertThat(plan.uidMap()).isEmpty();
        assertThat(plan.gidMap()).isEmpty();
    }

    @Test
    void plan_asRoot_overlayHasNoUserxattrAndDevptsGetsGid5() {
        LaunchPlan plan = new Cfg().asRoot().plan();

        assertThat(mountAt(plan, dir.resolve("rootfs").toString()).data())
                .isEqualTo("lowerdir=" + image + ",upperdir=" + dir.resolve("diff") + ",workdir=" + dir.resolve("work")
                        + ",volatile");
        assertThat(mountAt(plan, "/dev/pts").data()).isEqualTo("newinstance,ptmxmode=0666,mode=0620,gid=5");
    }

    @Test
    void plan_rootless_overlayUsesUserxattrAndDevptsHasNoGid() {
        LaunchPlan plan = new Cfg().plan();

        assertThat(mountAt(plan, dir.resolve("rootfs").toString())).isEqualTo(new RootfsStep.Mount("overlay",
                dir.resolve("rootfs").toString(), "overlay", 0, "lowerdir=" + image + ",upperdir="
                        + dir.resolve("diff") + ",workdir=" + dir.resolve("work") + ",volatile,userxattr", 0));
        assertThat(mountAt(plan, "/dev/pts").data()).isEqualTo("newinstance,ptmxmode=0666,mode=0620");
    }

    @Test
    void plan_rootlessWithHostPid_makesNoPidNamespaceAndBindsHostProc() {
        LaunchPlan plan = new Cfg().ns("pid", "host").plan();

        assertThat(plan.newNamespaces()).doesNotContain(Namespace.PID);
        assertThat(mountAt(plan, "/proc")).isEqualTo(new RootfsStep.Mount("/proc", "/proc", "",
                MountFlags.BIND | MountFlags.REC, "", RootfsStep.Mount.IN_ROOT | RootfsStep.Mount.MKDIR));
    }

    @Test
    void plan_asRootWithHostPid_makesNoPidNamespaceButMountsProcOfTheHostPidNamespace() {
        LaunchPlan plan = new Cfg().asRoot().ns("pid", "host").plan();

        assertThat(plan.newNamespaces()).doesNotContain(Namespace.PID);
        assertThat(mountAt(plan, "/proc")).isEqualTo(FRESH_PROC);
    }

    @Test
    void plan_withPrivatePid_mountsFreshProc() {
        assertThat(mountAt(new Cfg().asRoot().plan(), "/proc")).isEqualTo(FRESH_PROC);
        assertThat(mountAt(new Cfg().plan(), "/proc")).isEqualTo(FRESH_PROC);
    }

    @Test
    void plan_withHostNet_bindsSysReadOnlyAndLeavesLoopbackAlone() {
        LaunchPlan plan = new Cfg().asRoot().ns("net", "host").plan();

        assertThat(plan.newNamespaces()).doesNotContain(Namespace.NET);
        assertThat(mountAt(plan, "/sys").has(RootfsStep.Mount.READONLY)).isTrue();
        assertThat(mountAt(plan, "/sys").source()).isEqualTo("/sys");
        assertThat(LaunchPlanProbe.loopbackUp(plan)).isFalse();
    }

    @Test
    void plan_withPrivateNet_bringsUpLoopback() {
        assertThat(LaunchPlanProbe.loopbackUp(new Cfg().plan())).isTrue();
    }

    @Test
    void plan_namespaceMissingFromTheMap_isTheHosts() {
        Cfg c = new Cfg().asRoot();
        c.namespaces.remove("ipc");

        LaunchPlan plan = c.plan();

        assertThat(plan.newNamespaces()).doesNotContain(Namespace.IPC);
        assertThat(mounts(plan)).noneMatch(m -> m.target().equals("/dev/mqueue"));
    }

    @Test
    void plan_withContainerPid_joinsThePeersPidNamespaceFile() {
        List<String> asked = new ArrayList<>();
        LaunchPlan plan = new Cfg().asRoot().ns("pid", "container:web").plan(name -> {
            asked.add(name);
            return new LaunchPlanner.Peer(4321, false);
        });

        assertThat(asked).containsExactly("web");
        assertThat(plan.joins()).containsExactly(new LaunchPlan.Join(Namespace.PID, Path.of("/proc/4321/ns/pid")));
        assertThat(plan.newNamespaces()).doesNotContain(Namespace.PID);
    }

    @Test
    void plan_withPeerUserAndNet_joinsUserFirst() {
        LaunchPlan plan = new Cfg().ns("user", "container:web").ns("net", "container:web")
                .plan(name -> new LaunchPlanner.Peer(77, true));

        assertThat(plan.joins()).containsExactly(
                new LaunchPlan.Join(Namespace.USER, Path.of("/proc/77/ns/user")),
                new LaunchPlan.Join(Namespace.NET, Path.of("/proc/77/ns/net")));
        assertThat(plan.newNamespaces()).doesNotContain(Namespace.USER, Namespace.NET);
        assertThat(plan.uidMap()).isEmpty();
    }

    @Test
    void plan_sharingNetOfPeerWithOwnUserNamespaceButNotItsUser_fails() {
        Cfg c = new Cfg().ns("net", "container:web");

        assertThatThrownBy(() -> c.plan(name -> new LaunchPlanner.Peer(77, true)))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("sharing the net namespace of web needs its user namespace too (its namespaces belong "
                        + "to it)");
    }

    @Test
    void plan_withHostMountNamespace_failsSayingItIsUnsupported() {
        assertThatThrownBy(() -> new Cfg().asRoot().ns("mnt", "host").plan())
                .isInstanceOf(ContainerException.class)
                .hasMessage("a container needs its own mount namespace for its image's root filesystem; "
                        + "--mount-ns=host is not supported");
    }

    @Test
    void plan_withInvalidNamespaceMode_fails() {
        assertThatThrownBy(() -> new Cfg().ns("pid", "container:").plan())
                .isInstanceOf(ContainerException.class)
                .hasMessage("invalid namespace mode 'container:': use private, host or container:NAME");
    }

    @Test
    void plan_asRootWithContainerPid_mountsAFreshProcOfThatPidNamespace() {
        LaunchPlan plan = new Cfg().asRoot().ns("pid", "container:web")
                .plan(name -> new LaunchPlanner.Peer(4321, false));

        assertThat(mountAt(plan, "/proc")).isEqualTo(FRESH_PROC);
    }

    @Test
    void plan_withPeerUserAndPid_mountsAFreshProcOfThePeersPidNamespace() {
        LaunchPlan plan = new Cfg().ns("user", "container:web").ns("pid", "container:web")
                .plan(name -> new LaunchPlanner.Peer(77, true));

        assertThat(plan.joins()).containsExactly(
                new LaunchPlan.Join(Namespace.USER, Path.of("/proc/77/ns/user")),
                new LaunchPlan.Join(Namespace.PID, Path.of("/proc/77/ns/pid")));
        assertThat(mountAt(plan, "/proc")).isEqualTo(FRESH_PROC);
    }

    @Test
    void plan_rootlessJoiningAPeersUserNamespace_asksForNoSupplementaryGroups() throws IOException {
        // As in busybox, root is in wheel; the peer's user namespace denies setgroups (rootless), so no group at all.
        Files.writeString(image.resolve("etc/group"), "root:x:0:root\nwheel:x:10:root\n");
        Cfg c = new Cfg().ns("user", "container:web").ns("pid", "container:web");

        LaunchPlan plan = c.plan(name -> new LaunchPlanner.Peer(77, true));

        assertThat(LaunchPlanProbe.uid(plan)).isZero();
        assertThat(LaunchPlanProbe.groups(plan)).isEmpty();
    }

    @Test
    void plan_asRootJoiningAPeersUserNamespace_keepsTheMappedGroups() {
        Cfg c = new Cfg().ns("user", "container:web").ns("pid", "container:web");
        c.rootless = false;
        c.user = "alice";

        LaunchPlan plan = c.plan(name -> new LaunchPlanner.Peer(77, true));

        assertThat(LaunchPlanProbe.groups(plan)).containsExactly(10L);
    }

    @Test
    void plan_asRootSharingThePeersUserNamespaceWhichIsTheHosts_joinsNoUserNamespace() {
        LaunchPlan plan = new Cfg().asRoot().ns("user", "container:web").ns("pid", "container:web")
                .plan(name -> new LaunchPlanner.Peer(4321, false));

        assertThat(plan.joins()).containsExactly(new LaunchPlan.Join(Namespace.PID, Path.of("/proc/4321/ns/pid")));
    }

    @Test
    void inUserNamespace_rootless_dropsEveryGroupEvenRoot() {
        assertThat(LaunchPlanner.inUserNamespace(new UserResolver.Identity(0, 0, List.of(0L, 10L), "/root"), true))
                .isEqualTo(new UserResolver.Identity(0, 0, List.of(), "/root"));
        assertThat(LaunchPlanner.inUserNamespace(new UserResolver.Identity(0, 0, List.of(0L, 10L), "/root"), false))
                .isEqualTo(new UserResolver.Identity(0, 0, List.of(0L, 10L), "/root"));
    }

    // --- root filesystem, process settings

    @Test
    void plan_asRootWithPrivateUserNamespace_hasTheHelperMountTheOverlayOverIdmappedLowers() throws IOException {
        Files.createDirectories(dir);
        for (Path d : List.of(tmp, tmp.resolve("containers"), dir)) {
            Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        }
        Cfg c = new Cfg().asRoot().ns("user", "private");

        LaunchPlan plan = c.plan();

        assertThat(plan.uidMap()).containsExactly(new IdMapping(0, 100000, 65536));
        assertThat(plan.idmappedLowers()).containsExactly(image);
        // Mounted by host root, the overlay is the host's: trusted xattrs, no userxattr.
        assertThat(plan.rootfsSteps().get(0)).isEqualTo(new RootfsStep.Mount("overlay", dir.resolve("rootfs")
                .toString(), "overlay", 0, "lowerdir=" + image + ",upperdir=" + dir.resolve("diff") + ",workdir="
                + dir.resolve("work") + ",volatile", 0));
    }

    @Test
    void plan_asRootWithPrivateUserNamespace_andAStoreItsRootCannotReach_failsNamingTheDirectoryAndTheFix()
            throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> new Cfg().asRoot().ns("user", "private").plan())
                .isInstanceOf(ContainerException.class)
                .hasMessageContaining("host uid 100000), but " + tmp + " is not searchable by others: chmod o+x "
                        + tmp);
    }

    @Test
    void plan_rootlessAndRootWithoutUserNamespace_mountTheOverlayInTheChild() {
        assertThat(new Cfg().plan().idmappedLowers()).isEmpty();
        assertThat(new Cfg().asRoot().plan().idmappedLowers()).isEmpty();
    }

    @Test
    void plan_rootfs_isOverlayOfTheImageOnTheContainerDir() {
        LaunchPlan plan = new Cfg().asRoot().plan();

        assertThat(LaunchPlanProbe.rootfs(plan)).isEqualTo(dir.resolve("rootfs"));
        assertThat(plan.rootfsSteps().get(0)).isEqualTo(new RootfsStep.Mount("overlay", dir.resolve("rootfs")
                .toString(), "overlay", 0, "lowerdir=" + image + ",upperdir=" + dir.resolve("diff") + ",workdir="
                + dir.resolve("work") + ",volatile", 0));
        assertThat(LaunchPlanProbe.exitFile(plan)).isEqualTo(dir.resolve("exit"));
    }

    @Test
    void plan_withWorkdir_createsItLastAndStartsThere() {
        Cfg c = new Cfg();
        c.workdir = "/app/src";

        LaunchPlan plan = c.plan();

        assertThat(plan.rootfsSteps().get(plan.rootfsSteps().size() - 1))
                .isEqualTo(new RootfsStep.Mkdir("/app/src", 0755));
        assertThat(LaunchPlanProbe.cwd(plan)).isEqualTo("/app/src");
    }

    @Test
    void plan_withoutWorkdir_startsInRootAndCreatesNothing() {
        LaunchPlan plan = new Cfg().plan();

        assertThat(LaunchPlanProbe.cwd(plan)).isEqualTo("/");
        assertThat(plan.rootfsSteps()).noneMatch(RootfsStep.Mkdir.class::isInstance);
    }

    @Test
    void plan_argvAndSettings_comeFromTheConfig() {
        Cfg c = new Cfg();
        c.readOnly = true;
        c.init = true;

        LaunchPlan plan = c.plan();

        assertThat(plan.argv()).containsExactly("sh", "-c", "echo hi");
        assertThat(LaunchPlanProbe.rootfsReadOnly(plan)).isTrue();
        assertThat(LaunchPlanProbe.init(plan)).isTrue();
        assertThat(LaunchPlanProbe.noNewPrivs(plan)).isTrue();
        assertThat(plan.describe()).containsEntry("noNewPrivs", true).containsEntry("cwd", "/");
    }

    @Test
    void plan_byDefault_isWritableWithoutInitButAlwaysNoNewPrivs() {
        LaunchPlan plan = new Cfg().plan();

        assertThat(LaunchPlanProbe.rootfsReadOnly(plan)).isFalse();
        assertThat(LaunchPlanProbe.init(plan)).isFalse();
        assertThat(LaunchPlanProbe.noNewPrivs(plan)).isTrue();
    }

    @Test
    void plan_withPrivateUts_setsHostnameToShortIdOrTheGivenName() {
        Cfg named = new Cfg();
        named.hostname = "box";

        assertThat(LaunchPlanProbe.hostname(new Cfg().plan())).isEqualTo("0123456789ab");
        assertThat(LaunchPlanProbe.hostname(named.plan())).isEqualTo("box");
    }

    @Test
    void plan_withHostUts_setsNoHostname() {
        assertThat(LaunchPlanProbe.hostname(new Cfg().ns("uts", "host").plan())).isNull();
    }

    @Test
    void plan_env_isDockersDefaultsWithHomeFromPasswd() {
        Cfg c = new Cfg().asRoot();
        c.user = "alice";
        c.env = List.of("FOO=bar");

        assertThat(LaunchPlanProbe.env(c.plan())).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOSTNAME=0123456789ab",
                "FOO=bar",
                "HOME=/home/alice");
    }

    @Test
    void plan_user_isResolvedInTheImage() {
        Cfg c = new Cfg().asRoot();
        c.user = "alice";

        LaunchPlan plan = c.plan();

        assertThat(LaunchPlanProbe.uid(plan)).isEqualTo(1000L);
        assertThat(LaunchPlanProbe.gid(plan)).isEqualTo(1000L);
        assertThat(LaunchPlanProbe.groups(plan)).containsExactly(10L, 70000L);
        assertThat(plan.describe()).containsEntry("uid", 1000L);
    }

    @Test
    void plan_rootlessWithNonRootUser_failsBecauseOnlyRootIsMapped() {
        Cfg c = new Cfg();
        c.user = "alice";

        assertThatThrownBy(c::plan)
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("user 1000:1000 does not exist in this container's user namespace, which maps only ids "
                        + "0 to 0 (rootless: your user is root inside); run as root inside, or as host root");
    }

    @Test
    void plan_asRootInPrivateUserNamespace_keepsMappedUserAndDropsUnmappedGroups() {
        Cfg c = new Cfg();
        c.rootless = false;
        c.user = "alice";

        LaunchPlan plan = c.plan();

        assertThat(LaunchPlanProbe.uid(plan)).isEqualTo(1000L);
        assertThat(LaunchPlanProbe.gid(plan)).isEqualTo(1000L);
        assertThat(LaunchPlanProbe.groups(plan)).containsExactly(10L);
    }

    @Test
    void mapped_withUserOutsideTheMap_failsSayingHowManyIdsAreMapped() {
        assertThatThrownBy(() -> LaunchPlanner.mapped(new UserResolver.Identity(70000, 0, List.of(), "/"), 65536))
                .isInstanceOf(ContainerException.class)
                .hasMessage("user 70000:0 does not exist in this container's user namespace, which maps only ids 0 "
                        + "to 65535");
        assertThatThrownBy(() -> LaunchPlanner.mapped(new UserResolver.Identity(0, 65536, List.of(), "/"), 65536))
                .hasMessageStartingWith("user 0:65536 does not exist");
    }

    @Test
    void mapped_withGroupsOutsideTheMap_dropsOnlyThose() {
        assertThat(LaunchPlanner.mapped(new UserResolver.Identity(5, 6, List.of(10L, 65535L, 65536L, 70000L),
                "/home/x"), 65536)).isEqualTo(new UserResolver.Identity(5, 6, List.of(10L, 65535L), "/home/x"));
    }

    @Test
    void plan_withUnknownUser_failsWithDockersMessage() {
        Cfg c = new Cfg();
        c.user = "nobody";

        assertThatThrownBy(c::plan).isInstanceOf(ContainerException.class)
                .hasMessageStartingWith("unable to find user nobody: no matching entries in passwd file");
    }

    @Test
    void plan_ulimits_areCheckedAgainstTheHostAndPassedOn() {
        Cfg c = new Cfg();
        c.ulimits = List.of("nofile=100:200", "core=0");

        LaunchPlan plan = c.plan();

        assertThat(LaunchPlanProbe.rlimits(plan)).containsExactly(new LaunchPlan.Rlimit(7, 100, 200),
                new LaunchPlan.Rlimit(4, 0, 0));
        assertThat(sys.calls()).containsExactly("getrlimit 7", "getrlimit 4");
    }

    @Test
    void plan_withUlimitAboveHostHard_fails() {
        Cfg c = new Cfg();
        c.ulimits = List.of("nofile=8192");

        assertThatThrownBy(c::plan).isInstanceOf(ContainerException.class)
                .hasMessageContaining("CAP_SYS_RESOURCE");
    }

    @Test
    void plan_caps_asRootAreDockersDefaultsInBoundingEffectiveAndPermitted() {
        assertThat(LaunchPlanProbe.caps(new Cfg().plan())).isEqualTo(new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS,
                DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS, 0, 0));
    }

    // --- capabilities

    private ContainerConfig caps(List<String> add, List<String> drop) {
        Cfg c = new Cfg();
        c.capAdd = add;
        c.capDrop = drop;
        return c.config();
    }

    @Test
    void capabilities_byDefault_areDockersFourteen() {
        assertThat(LaunchPlanner.capabilities(caps(List.of(), List.of()), 0))
                .isEqualTo(new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS, 0, 0));
    }

    @Test
    void capabilities_forNonRootUser_keepBoundingButNothingEffective() {
        assertThat(LaunchPlanner.capabilities(caps(List.of(), List.of()), 1000))
                .isEqualTo(new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS, 0, 0, 0, 0));
    }

    @Test
    void capabilities_withAddAll_grantsEveryCapabilityThisProcessHolds() {
        long all = ((1L << 41) - 1) & io.jailcell.linux.Host.permittedCapabilities();

        assertThat(LaunchPlanner.capabilities(caps(List.of("ALL"), List.of()), 0))
                .isEqualTo(new LaunchPlan.Caps(all, all, all, 0, 0));
        assertThat(LaunchPlanner.capabilities(caps(List.of("all"), List.of()), 0).bounding()).isEqualTo(all);
    }

    @Test
    void capabilities_withDropAll_grantsNone() {
        assertThat(LaunchPlanner.capabilities(caps(List.of(), List.of("ALL")), 0))
                .isEqualTo(new LaunchPlan.Caps(0, 0, 0, 0, 0));
    }

    @Test
    void capabilities_withAddAndDrop_adjustTheDefaults() {
        long netAdmin = 1L << 12;
        long chown = 1L;

        assertThat(LaunchPlanner.capabilities(caps(List.of("NET_ADMIN"), List.of("chown")), 0).bounding())
                .isEqualTo((DOCKER_DEFAULT_CAPS | netAdmin) & ~chown)
                .isEqualTo(0xa80435faL);
    }

    @Test
    void capabilities_withAddAllAndOneDrop_grantsAllButIt() {
        long all = ((1L << 41) - 1) & io.jailcell.linux.Host.permittedCapabilities();

        assertThat(LaunchPlanner.capabilities(caps(List.of("ALL"), List.of("CAP_SYS_ADMIN")), 0).bounding())
                .isEqualTo(all & ~(1L << 21));
    }

    @Test
    void capabilities_withUnknownName_failsAsInvalid() {
        assertThatThrownBy(() -> LaunchPlanner.capabilities(caps(List.of("BOGUS"), List.of()), 0))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("unknown capability 'BOGUS': use a name like NET_ADMIN or CAP_NET_ADMIN "
                        + "(see capabilities(7))");
    }

    @Test
    void capabilities_withDropAllAndOneAdd_grantsOnlyTheAddedOneAsDocker() {
        long netBindService = 1L << 10;

        assertThat(LaunchPlanner.capabilities(caps(List.of("NET_BIND_SERVICE"), List.of("ALL")), 0))
                .isEqualTo(new LaunchPlan.Caps(netBindService, netBindService, netBindService, 0, 0));
    }

    // --- environment

    @Test
    void environment_withNothingGiven_isPathHostnameHome() {
        assertThat(LaunchPlanner.environment(List.of(), "h1", "/root")).containsExactly(
                "PATH=" + LaunchPlanner.DEFAULT_PATH, "HOSTNAME=h1", "HOME=/root");
        assertThat(LaunchPlanner.DEFAULT_PATH).isEqualTo("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void environment_userPath_replacesTheDefaultInPlace() {
        assertThat(LaunchPlanner.environment(List.of("PATH=/opt/bin"), "h1", "/root"))
                .containsExactly("PATH=/opt/bin", "HOSTNAME=h1", "HOME=/root");
    }

    @Test
    void environment_userHomeAndHostname_winOverTheDefaults() {
        assertThat(LaunchPlanner.environment(List.of("HOME=/data", "HOSTNAME=mine"), "h1", "/root"))
                .containsExactly("PATH=" + LaunchPlanner.DEFAULT_PATH, "HOSTNAME=mine", "HOME=/data");
    }

    @Test
    void environment_keepsUserOrderEmptyValuesAndEqualsInValues() {
        assertThat(LaunchPlanner.environment(List.of("B=2", "A=x=y", "EMPTY=", "B=3"), "h", "/"))
                .containsExactly("PATH=" + LaunchPlanner.DEFAULT_PATH, "HOSTNAME=h", "B=3", "A=x=y", "EMPTY=",
                        "HOME=/");
    }

    @Test
    void environment_withoutEquals_isRejected() {
        assertThatThrownBy(() -> LaunchPlanner.environment(List.of("NOEQUALS"), "h", "/"))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerException.Kind.INVALID))
                .hasMessage("invalid environment variable 'NOEQUALS': use NAME=value");
    }

    @Test
    void environment_withEmptyName_isRejected() {
        assertThatThrownBy(() -> LaunchPlanner.environment(List.of("=value"), "h", "/"))
                .hasMessage("invalid environment variable '=value': use NAME=value");
    }

    @Test
    void hostname_withoutConfiguredName_isFirst12HexOfTheId() {
        assertThat(LaunchPlanner.hostname(new Cfg().record())).isEqualTo("0123456789ab");
    }

    // --- exec

    @Test
    void execPlan_joinsOnlyNamespacesNotSharedWithTheHostUserFirst() {
        // As root, with the container in a user namespace of its own mapping 65536 ids.
        ContainerRecord running = new Cfg().asRoot().record().running(999, 1, 998, 1, Map.of(), Map.of());
        Map<Namespace, Boolean> shared = Map.of(Namespace.NET, false, Namespace.USER, false, Namespace.PID, true);

        LaunchPlan plan = planner.execPlan(running, shared, List.of("ls"), List.of("X=1"), null, "alice", List.of());

        assertThat(plan.joins()).containsExactly(
                new LaunchPlan.Join(Namespace.USER, Path.of("/proc/999/ns/user")),
                new LaunchPlan.Join(Namespace.NET, Path.of("/proc/999/ns/net")));
        assertThat(plan.newNamespaces()).isEmpty();
        assertThat(plan.argv()).containsExactly("ls");
        assertThat(LaunchPlanProbe.env(plan)).containsExactly("PATH=" + LaunchPlanner.DEFAULT_PATH,
                "HOSTNAME=0123456789ab", "X=1", "HOME=/home/alice");
        assertThat(LaunchPlanProbe.uid(plan)).isEqualTo(1000L);
        assertThat(LaunchPlanProbe.caps(plan)).isEqualTo(new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS, 0, 0, 0, 0));
        assertThat(LaunchPlanProbe.cwd(plan)).isEqualTo("/");
    }

    @Test
    void execPlan_intoARootlessContainer_refusesAnUnmappedUser_andDropsGroups() {
        ContainerRecord running = new Cfg().record().running(999, 1, 998, 1, Map.of(), Map.of());
        Map<Namespace, Boolean> shared = Map.of(Namespace.USER, false);

        assertThatThrownBy(() -> planner.execPlan(running, shared, List.of("ls"), List.of(), null, "alice",
                List.of())).isInstanceOf(ContainerException.class).hasMessageContaining("maps only ids 0 to 0");
        LaunchPlan asRoot = planner.execPlan(running, shared, List.of("ls"), List.of(), null, "root", List.of());
        assertThat(LaunchPlanProbe.groups(asRoot)).isEmpty();
    }
}
