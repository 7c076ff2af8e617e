package io.jailcell.linux.helper;

import static io.jailcell.linux.helper.PlanRecords.encode;
import static io.jailcell.linux.helper.PlanRecords.strings;
import static io.jailcell.linux.helper.PlanRecords.withTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.helper.PlanRecords.Reader;
import io.jailcell.linux.helper.PlanRecords.Rec;
import io.jailcell.linux.mount.RootfsStep;
import io.jailcell.linux.ns.IdMapping;
import io.jailcell.linux.ns.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanEncoderTest {
    private static final Map<Integer, String> TAG_NAMES = Map.ofEntries(
            Map.entry(PlanTag.END, "END"), Map.entry(PlanTag.CLONE_FLAGS, "CLONE_FLAGS"),
            Map.entry(PlanTag.JOIN_NS, "JOIN_NS"), Map.entry(PlanTag.ROOTFS, "ROOTFS"),
            Map.entry(PlanTag.MOUNT, "MOUNT"), Map.entry(PlanTag.SYMLINK, "SYMLINK"), Map.entry(PlanTag.MASK, "MASK"),
            Map.entry(PlanTag.READONLY, "READONLY"), Map.entry(PlanTag.HOSTNAME, "HOSTNAME"),
            Map.entry(PlanTag.ARG, "ARG"), Map.entry(PlanTag.ENV, "ENV"), Map.entry(PlanTag.CWD, "CWD"),
            Map.entry(PlanTag.USER, "USER"), Map.entry(PlanTag.GROUP, "GROUP"), Map.entry(PlanTag.CAPS, "CAPS"),
            Map.entry(PlanTag.RLIMIT, "RLIMIT"), Map.entry(PlanTag.NO_NEW_PRIVS, "NO_NEW_PRIVS"),
            Map.entry(PlanTag.ROOTFS_READONLY, "ROOTFS_READONLY"), Map.entry(PlanTag.EXIT_FILE, "EXIT_FILE"),
            Map.entry(PlanTag.INIT, "INIT"), Map.entry(PlanTag.MKDIR, "MKDIR"), Map.entry(PlanTag.NS_ROOT, "NS_ROOT"),
            Map.entry(PlanTag.LOOPBACK_UP, "LOOPBACK_UP"),
            Map.entry(PlanTag.CGROUP, "CGROUP"), Map.entry(PlanTag.IDMAP_LOWER, "IDMAP_LOWER"),
            Map.entry(PlanTag.MOUNT_BASE, "MOUNT_BASE"), Map.entry(PlanTag.GO_AT_ONCE, "GO_AT_ONCE"),
            Map.entry(PlanTag.MKNOD, "MKNOD"));

    /** The helper's record limit: read_plan fails with E2BIG on a longer record. */
    private static final int HELPER_MAX_RECORD = 1 << 20;

    /** Decodes each record with the field layout read_plan in jailcell-helper.c uses for its tag. */
    private static List<String> render(List<Rec> records) {
        List<String> out = new ArrayList<>();
        for (Rec r : records) {
            Reader in = r.reader();
            List<Object> fields = new ArrayList<>();
            switch (r.tag()) {
                case PlanTag.CLONE_FLAGS, PlanTag.GROUP -> fields.add("0x" + Integer.toHexString(in.u32()));
                case PlanTag.JOIN_NS -> {
                    fields.add("0x" + Integer.toHexString(in.u32()));
                    fields.add(in.str());
                }
                case PlanTag.MOUNT -> {
                    fields.add(in.u64());
                    fields.add(in.u32());
                    fields.add(in.str());
                    fields.add(in.str());
                    fields.add(in.str());
                    fields.add(in.str());
                }
                case PlanTag.SYMLINK -> {
                    fields.add(in.str());
                    fields.add(in.str());
                }
                case PlanTag.MKNOD -> {
                    fields.add(in.u32());
                    fields.add(in.u32());
                    fields.add(in.str());
                }
                case PlanTag.MKDIR -> {
                    fields.add("0" + Integer.toOctalString(in.u32()));
                    fields.add(in.str());
                }
                case PlanTag.ROOTFS, PlanTag.MASK, PlanTag.READONLY, PlanTag.HOSTNAME, PlanTag.ARG, PlanTag.ENV,
                        PlanTag.CWD, PlanTag.EXIT_FILE, PlanTag.CGROUP, PlanTag.IDMAP_LOWER, PlanTag.MOUNT_BASE ->
                        fields.add(in.str());
                case PlanTag.USER -> {
                    fields.add(in.u32());
                    fields.add(in.u32());
                }
                case PlanTag.CAPS -> {
                    for (int i = 0; i < 5; i++) {
                        fields.add("0x" + Long.toHexString(in.u64()));
                    }
                }
                case PlanTag.RLIMIT -> {
                    fields.add(in.u32());
                    fields.add(in.u64());
                    fields.add(in.u64());
                }
                default -> {
                    // flags and END carry no payload
                }
            }
            in.done();
            StringBuilder s = new StringBuilder(TAG_NAMES.getOrDefault(r.tag(), "TAG" + r.tag()));
            fields.forEach(f -> s.append('|').append(f));
            out.add(s.toString());
        }
        return out;
    }

    private static LaunchPlan.Builder minimal() {
        return LaunchPlan.builder().argv(List.of("true"));
    }

    @Test
    void encode_fullPlan_producesEveryRecordInHelperLayoutAndOrder() {
        LaunchPlan plan = LaunchPlan.builder()
                .newNamespace(Namespace.USER).newNamespace(Namespace.MOUNT).newNamespace(Namespace.PID)
                .join(Namespace.NET, Path.of("/proc/77/ns/net"))
                .uidMap(new IdMapping(0, 1000, 1)).gidMap(new IdMapping(0, 1000, 1))
                .loopbackUp(true)
                .rootfs(Path.of("/c/rootfs"))
                .idmappedLower(Path.of("/l"))
                .mountBase(Path.of("/s"))
                .step(new RootfsStep.Mount("overlay", "/c/rootfs", "overlay", 0, "lowerdir=/l", 0))
                .step(new RootfsStep.Mount("proc", "/proc", "proc", 14, null, 3))
                .step(new RootfsStep.Symlink("pts/ptmx", "/dev/ptmx"))
                .step(new RootfsStep.Mkdir("/app", 0755))
                .step(new RootfsStep.Mknod("/dev/null", 1, 3))
                .step(new RootfsStep.Mask("/proc/kcore"))
                .step(new RootfsStep.ReadOnly("/proc/sys"))
                .rootfsReadOnly(true)
                .hostname("box")
                .argv(List.of("sh", "-c", "echo hi"))
                .env(List.of("PATH=/bin", "A=1"))
                .cwd("/app")
                .user(1000, 100, List.of(10L, 20L))
                .caps(new LaunchPlan.Caps(0xa80425fbL, 1, 2, 3, 4))
                .rlimit(new LaunchPlan.Rlimit(7, 1024, 2048))
                .rlimit(new LaunchPlan.Rlimit(4, -1, -1))
                .noNewPrivs(true)
                .init(true)
                .exitFile(Path.of("/c/exit"))
                .cgroup(Path.of("/sys/fs/cgroup/x/jailcell/c1"))
                .build();

        assertThat(render(encode(plan))).containsExactly(
                "CLONE_FLAGS|0x30020000",
                "JOIN_NS|0x40000000|/proc/77/ns/net",
                "NS_ROOT",
                "LOOPBACK_UP",
                "CGROUP|/sys/fs/cgroup/x/jailcell/c1",
                "IDMAP_LOWER|/l",
                "MOUNT_BASE|/s",
                "ROOTFS|/c/rootfs",
                "MOUNT|0|0|overlay|/c/rootfs|overlay|lowerdir=/l",
                "MOUNT|14|3|proc|/proc|proc|",
                "SYMLINK|pts/ptmx|/dev/ptmx",
                "MKDIR|0755|/app",
                "MKNOD|1|3|/dev/null",
                "MASK|/proc/kcore",
                "READONLY|/proc/sys",
                "ROOTFS_READONLY",
                "HOSTNAME|box",
                "ARG|sh", "ARG|-c", "ARG|echo hi",
                "ENV|PATH=/bin", "ENV|A=1",
                "CWD|/app",
                "USER|1000|100",
                "GROUP|0xa", "GROUP|0x14",
                "CAPS|0xa80425fb|0x1|0x2|0x3|0x4",
                "RLIMIT|7|1024|2048",
                "RLIMIT|4|-1|-1",
                "NO_NEW_PRIVS",
                "INIT",
                "EXIT_FILE|/c/exit",
                "END");
    }

    @Test
    void encode_deviceProgram_isTheCgroupThenTheInstructionBytes_afterTheCgroupsTheChildJoins() {
        byte[] insns = {(byte) 0xb4, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        List<Rec> records = encode(minimal().cgroup(Path.of("/sys/fs/cgroup/unified/jailcell/c1"))
                .deviceProgram(Path.of("/sys/fs/cgroup/unified/jailcell/c1"), insns).build());

        assertThat(records).extracting(Rec::tag).containsExactly(PlanTag.CLONE_FLAGS, PlanTag.CGROUP,
                PlanTag.DEVICE_PROGRAM, PlanTag.ARG, PlanTag.END);
        Reader in = withTag(records, PlanTag.DEVICE_PROGRAM).get(0).reader();
        assertThat(in.str()).isEqualTo("/sys/fs/cgroup/unified/jailcell/c1");
        assertThat(in.u32()).isEqualTo(16);
        assertThat(in.u64()).isEqualTo(0xb4L);
        assertThat(in.u64()).isEqualTo(0x95L);
        in.done();
        assertThat(withTag(encode(minimal().build()), PlanTag.DEVICE_PROGRAM)).isEmpty();
        assertThatThrownBy(() -> minimal().deviceProgram(Path.of("/x"), new byte[12]))
                .hasMessageContaining("whole number of 8-byte instructions");
    }

    @Test
    void encode_minimalPlan_sendsOnlyCloneFlagsArgsAndEnd() {
        assertThat(render(encode(minimal().build()))).containsExactly("CLONE_FLAGS|0x0", "ARG|true", "END");
    }

    @Test
    void encode_writesHeadersLittleEndianWithU16TagAndU32Length() {
        byte[] wire = PlanEncoder.encode(minimal().newNamespace(Namespace.NET).build());

        // CLONE_FLAGS: tag 1, length 4, CLONE_NEWNET = 0x40000000
        assertThat(java.util.Arrays.copyOfRange(wire, 0, 10))
                .containsExactly(1, 0, 4, 0, 0, 0, 0, 0, 0, 0x40);
        // ARG: tag 9, length 8, string "true" as u32 4 + bytes
        assertThat(java.util.Arrays.copyOfRange(wire, 10, 24))
                .containsExactly(9, 0, 8, 0, 0, 0, 4, 0, 0, 0, 't', 'r', 'u', 'e');
        // END: tag 0, length 0, nothing after it
        assertThat(java.util.Arrays.copyOfRange(wire, 24, wire.length)).containsExactly(0, 0, 0, 0, 0, 0);
    }

    @Test
    void encode_cloneFlags_areOrOfEveryNewNamespacesFlag() {
        LaunchPlan.Builder b = minimal();
        for (Namespace ns : Namespace.values()) {
            b.newNamespace(ns);
        }

        List<Rec> records = encode(b.build());

        Reader in = withTag(records, PlanTag.CLONE_FLAGS).get(0).reader();
        assertThat(in.u32()).isEqualTo(0x10000000 | 0x00020000 | 0x20000000 | 0x04000000 | 0x08000000 | 0x40000000
                | 0x02000000).isEqualTo(0x7e020000);
        in.done();
        assertThat(withTag(records, PlanTag.CLONE_FLAGS)).hasSize(1);
        assertThat(records.get(0).tag()).isEqualTo(PlanTag.CLONE_FLAGS);
    }

    @Test
    void encode_cloneFlags_withUtsAndIpcOnly_isJustThoseTwo() {
        Reader in = withTag(encode(minimal().newNamespace(Namespace.UTS).newNamespace(Namespace.IPC).build()),
                PlanTag.CLONE_FLAGS).get(0).reader();

        assertThat(in.u32()).isEqualTo(0x0c000000);
    }

    @Test
    void encode_joins_keepOrderWithNstypeAndPath() {
        LaunchPlan plan = minimal()
                .join(Namespace.USER, Path.of("/proc/5/ns/user"))
                .join(Namespace.NET, Path.of("/proc/5/ns/net"))
                .join(Namespace.PID, Path.of("/proc/5/ns/pid"))
                .build();

        assertThat(render(withTag(encode(plan), PlanTag.JOIN_NS))).containsExactly(
                "JOIN_NS|0x10000000|/proc/5/ns/user",
                "JOIN_NS|0x40000000|/proc/5/ns/net",
                "JOIN_NS|0x20000000|/proc/5/ns/pid");
    }

    @Test
    void encode_argsAndEnv_keepTheirOrder() {
        LaunchPlan plan = LaunchPlan.builder()
                .argv(List.of("z", "a", "m", ""))
                .env(List.of("Z=1", "A=2", "M=3"))
                .build();

        List<Rec> records = encode(plan);

        assertThat(strings(records, PlanTag.ARG)).containsExactly("z", "a", "m", "");
        assertThat(strings(records, PlanTag.ENV)).containsExactly("Z=1", "A=2", "M=3");
    }

    @Test
    void encode_strings_countUtf8BytesNotChars() {
        List<Rec> args = withTag(encode(LaunchPlan.builder().argv(List.of("héllo")).build()), PlanTag.ARG);

        assertThat(args.get(0).payload()).hasSize(4 + 6);
        assertThat(args.get(0).reader().u32()).isEqualTo(6);
        assertThat(strings(args, PlanTag.ARG)).containsExactly("héllo");
    }

    @Test
    void encode_mountRecord_hasFlagsU64OptionsU32AndFourStrings() {
        long flags = 4096 | 16384 | (1L << 40); // a flag above bit 31 must survive the u64
        LaunchPlan plan = minimal()
                .step(new RootfsStep.Mount("/src", "/dst", "tmpfs", flags, "mode=755", 1 | 2 | 16))
                .build();

        List<Rec> mounts = withTag(encode(plan), PlanTag.MOUNT);

        assertThat(mounts).hasSize(1);
        Reader in = mounts.get(0).reader();
        assertThat(in.u64()).isEqualTo(flags);
        assertThat(in.u32()).isEqualTo(19);
        assertThat(in.str()).isEqualTo("/src");
        assertThat(in.str()).isEqualTo("/dst");
        assertThat(in.str()).isEqualTo("tmpfs");
        assertThat(in.str()).isEqualTo("mode=755");
        in.done();
        assertThat(mounts.get(0).payload()).hasSize(8 + 4 + (4 + 4) + (4 + 4) + (4 + 5) + (4 + 8));
    }

    @Test
    void encode_mountWithoutFstypeOrData_sendsEmptyStrings() {
        LaunchPlan plan = minimal().step(new RootfsStep.Mount("/a", "/b", null, 4096, null, 0)).build();

        assertThat(render(withTag(encode(plan), PlanTag.MOUNT))).containsExactly("MOUNT|4096|0|/a|/b||");
    }

    @Test
    void encode_rootfsSteps_keepTheirOrderAcrossKinds() {
        LaunchPlan plan = minimal()
                .step(new RootfsStep.Mask("/proc/kcore"))
                .step(new RootfsStep.Mount("a", "/a", "", 0, "", 0))
                .step(new RootfsStep.ReadOnly("/proc/sys"))
                .step(new RootfsStep.Mkdir("/work", 0700))
                .step(new RootfsStep.Symlink("/proc/self/fd", "/dev/fd"))
                .build();

        assertThat(render(encode(plan))).containsSubsequence(
                "MASK|/proc/kcore", "MOUNT|0|0|a|/a||", "READONLY|/proc/sys", "MKDIR|0700|/work",
                "SYMLINK|/proc/self/fd|/dev/fd");
    }

    @Test
    void encode_caps_isFiveU64sInBoundingEffectivePermittedInheritableAmbientOrder() {
        LaunchPlan plan = minimal()
                .caps(new LaunchPlan.Caps(0x1FFFFFFFFFFL, 0xa80425fbL, 0x80000000L, 1L << 40, 0))
                .build();

        List<Rec> caps = withTag(encode(plan), PlanTag.CAPS);

        assertThat(caps).hasSize(1);
        assertThat(caps.get(0).payload()).hasSize(40);
        Reader in = caps.get(0).reader();
        assertThat(in.u64()).isEqualTo(0x1FFFFFFFFFFL);
        assertThat(in.u64()).isEqualTo(0xa80425fbL);
        assertThat(in.u64()).isEqualTo(0x80000000L);
        assertThat(in.u64()).isEqualTo(1L << 40);
        assertThat(in.u64()).isZero();
        in.done();
    }

    @Test
    void encode_withoutCaps_sendsNoCapsRecord() {
        assertThat(withTag(encode(minimal().build()), PlanTag.CAPS)).isEmpty();
    }

    @Test
    void encode_rlimit_isU32ResourceThenU64SoftAndHard() {
        LaunchPlan plan = minimal()
                .rlimit(new LaunchPlan.Rlimit(7, 1024, 2048))
                .rlimit(new LaunchPlan.Rlimit(3, -1, -1))
                .build();

        List<Rec> limits = withTag(encode(plan), PlanTag.RLIMIT);

        assertThat(limits).hasSize(2);
        assertThat(limits.get(0).payload()).hasSize(20);
        Reader first = limits.get(0).reader();
        assertThat(first.u32()).isEqualTo(7);
        assertThat(first.u64()).isEqualTo(1024);
        assertThat(first.u64()).isEqualTo(2048);
        first.done();
        // RLIM_INFINITY is all ones on the wire
        assertThat(limits.get(1).payload()).containsExactly(3, 0, 0, 0,
                -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    }

    @Test
    void encode_user_isUidGidThenOneGroupRecordEach() {
        LaunchPlan plan = minimal().user(1000, 1001, List.of(4L, 27L, 100L)).build();

        assertThat(render(encode(plan))).containsSubsequence("USER|1000|1001", "GROUP|0x4", "GROUP|0x1b",
                "GROUP|0x64");
    }

    @Test
    void encode_withoutUser_sendsNoUserOrGroupRecords() {
        List<Rec> records = encode(minimal().build());

        assertThat(withTag(records, PlanTag.USER)).isEmpty();
        assertThat(withTag(records, PlanTag.GROUP)).isEmpty();
    }

    @Test
    void encode_booleanSettings_areEmptyRecordsPresentOnlyWhenOn() {
        LaunchPlan on = minimal().noNewPrivs(true).init(true).rootfsReadOnly(true).loopbackUp(true).build();
        LaunchPlan off = minimal().noNewPrivs(false).init(false).rootfsReadOnly(false).loopbackUp(false).build();

        List<Rec> onRecords = encode(on);
        for (int tag : List.of(PlanTag.NO_NEW_PRIVS, PlanTag.INIT, PlanTag.ROOTFS_READONLY, PlanTag.LOOPBACK_UP)) {
            assertThat(withTag(onRecords, tag)).as(TAG_NAMES.get(tag)).hasSize(1);
            assertThat(withTag(onRecords, tag).get(0).payload()).as(TAG_NAMES.get(tag)).isEmpty();
        }
        assertThat(render(encode(off))).containsExactly("CLONE_FLAGS|0x0", "ARG|true", "END");
    }

    @Test
    void encode_goAtOnce_isAnEmptyRecordOnlyWhenAskedFor() {
        List<Rec> at = PlanRecords.split(PlanEncoder.encode(minimal().build(), true));

        assertThat(render(at)).containsExactly("CLONE_FLAGS|0x0", "GO_AT_ONCE", "ARG|true", "END");
        assertThat(withTag(encode(minimal().build()), PlanTag.GO_AT_ONCE)).isEmpty();
    }

    @Test
    void encode_end_isLastAndOnlyOnceWithEmptyPayload() {
        List<Rec> records = encode(minimal().env(List.of("A=1")).cwd("/").hostname("h").build());

        assertThat(records.get(records.size() - 1).tag()).isEqualTo(PlanTag.END);
        assertThat(records.get(records.size() - 1).payload()).isEmpty();
        assertThat(withTag(records, PlanTag.END)).hasSize(1);
    }

    @Test
    void encode_nsRoot_withNewUserNamespaceMappingRootInBothMaps_isSent() {
        LaunchPlan plan = minimal().newNamespace(Namespace.USER)
                .uidMap(new IdMapping(0, 1000, 1)).gidMap(new IdMapping(0, 1000, 1)).build();

        List<Rec> nsRoot = withTag(encode(plan), PlanTag.NS_ROOT);

        assertThat(nsRoot).hasSize(1);
        assertThat(nsRoot.get(0).payload()).isEmpty();
    }

    @Test
    void encode_nsRoot_withRootMappedInALaterLine_isSent() {
        LaunchPlan plan = minimal().newNamespace(Namespace.USER)
                .uidMap(new IdMapping(1, 100001, 65535)).uidMap(new IdMapping(0, 1000, 1))
                .gidMap(new IdMapping(1, 100001, 65535)).gidMap(new IdMapping(0, 1000, 1)).build();

        assertThat(withTag(encode(plan), PlanTag.NS_ROOT)).hasSize(1);
    }

    @Test
    void encode_nsRoot_withoutNewUserNamespace_isNotSentEvenWithMaps() {
        LaunchPlan plan = minimal().newNamespace(Namespace.PID)
                .uidMap(new IdMapping(0, 1000, 1)).gidMap(new IdMapping(0, 1000, 1)).build();

        assertThat(withTag(encode(plan), PlanTag.NS_ROOT)).isEmpty();
    }

    @Test
    void encode_nsRoot_whenUidMapLacksContainerRoot_isNotSent() {
        LaunchPlan plan = minimal().newNamespace(Namespace.USER)
                .uidMap(new IdMapping(1000, 1000, 1)).gidMap(new IdMapping(0, 1000, 1)).build();

        assertThat(withTag(encode(plan), PlanTag.NS_ROOT)).isEmpty();
    }

    @Test
    void encode_nsRoot_whenGidMapLacksContainerRoot_isNotSent() {
        LaunchPlan plan = minimal().newNamespace(Namespace.USER)
                .uidMap(new IdMapping(0, 1000, 1)).gidMap(new IdMapping(1, 1000, 1)).build();

        assertThat(withTag(encode(plan), PlanTag.NS_ROOT)).isEmpty();
    }

    @Test
    void encode_nsRoot_withNewUserNamespaceButNoMaps_isNotSent() {
        assertThat(withTag(encode(minimal().newNamespace(Namespace.USER).build()), PlanTag.NS_ROOT)).isEmpty();
    }

    @Test
    void encode_idMaps_stayOnTheJavaSide() {
        LaunchPlan plan = minimal().uidMap(new IdMapping(0, 1000, 1)).gidMap(new IdMapping(0, 1000, 1)).build();

        assertThat(render(encode(plan))).containsExactly("CLONE_FLAGS|0x0", "ARG|true", "END");
    }

    @Test
    void encode_stringLongerThanTheRecordBuffer_growsAndRoundTrips() {
        String big = "X=" + "v".repeat(10_000);
        String a = "a".repeat(3000);
        String b = "b".repeat(3000);
        LaunchPlan plan = minimal().env(List.of(big))
                .step(new RootfsStep.Mount(a, b, "overlay", 1, a + b, 0)).build();

        List<Rec> records = encode(plan);

        assertThat(strings(records, PlanTag.ENV)).containsExactly(big);
        assertThat(render(withTag(records, PlanTag.MOUNT)))
                .containsExactly("MOUNT|1|0|" + a + "|" + b + "|overlay|" + a + b);
    }

    @Test
    void encode_argWithNul_isRejected() {
        LaunchPlan plan = LaunchPlan.builder().argv(List.of("sh", "a\0b")).build();

        assertThatThrownBy(() -> PlanEncoder.encode(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("string not allowed in a launch plan (NUL byte or over 128 KiB): a\0b");
    }

    @Test
    void encode_nulInEnvHostnameOrMountData_isRejected() {
        assertThatThrownBy(() -> PlanEncoder.encode(minimal().env(List.of("A=\0")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("string not allowed in a launch plan (NUL byte or over 128 KiB)");
        assertThatThrownBy(() -> PlanEncoder.encode(minimal().hostname("h\0").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("string not allowed in a launch plan (NUL byte or over 128 KiB)");
        assertThatThrownBy(() -> PlanEncoder.encode(minimal()
                .step(new RootfsStep.Mount("a", "/b", "tmpfs", 0, "size=0\0,mode=777", 0)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("string not allowed in a launch plan (NUL byte or over 128 KiB)");
    }

    @Test
    void encode_stringOverTheKernelsArgLimit_isRejectedQuotingItsStart() {
        String huge = "y".repeat(PlanEncoder.MAX_STRING + 1);

        assertThatThrownBy(() -> PlanEncoder.encode(LaunchPlan.builder().argv(List.of(huge)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("string not allowed in a launch plan (NUL byte or over 128 KiB): " + "y".repeat(40));
    }

    @Test
    void build_withoutArgv_failsNamingWhatIsMissing() {
        assertThatThrownBy(() -> LaunchPlan.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a launch plan needs a program to run");
    }

    @Test
    void encode_withStringAtTheJavaLimit_producesOnlyRecordsTheHelperAccepts() {
        String atLimit = "z".repeat(1 << 20);
        LaunchPlan plan = LaunchPlan.builder().argv(List.of(atLimit)).build();

        byte[] wire;
        try {
            wire = PlanEncoder.encode(plan);
        } catch (IllegalArgumentException rejected) {
            return; // refusing in Java, with a clear message, is fine too
        }
        assertThat(PlanRecords.split(wire)).allSatisfy(r -> assertThat(r.payload().length)
                .as("record %s length", TAG_NAMES.get(r.tag())).isLessThanOrEqualTo(HELPER_MAX_RECORD));
    }

    @Test
    void encode_withMoreArgsThanTheHelperHolds_isRejected() {
        List<String> args = new ArrayList<>(Collections.nCopies(PlanEncoder.MAX_ITEMS + 1, "arg"));

        assertThatThrownBy(() -> PlanEncoder.encode(LaunchPlan.builder().argv(args).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
