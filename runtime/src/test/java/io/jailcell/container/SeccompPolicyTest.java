package io.jailcell.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.linux.helper.HelperBinary;
import io.jailcell.linux.helper.LaunchPlan;
import io.jailcell.linux.seccomp.SeccompProfileException;
import io.jailcell.linux.seccomp.SeccompProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs are compiled by the real helper, once, and kept on disk where the next JVM finds them. */
class SeccompPolicyTest {
    private static final long DOCKER_DEFAULT_CAPS = 0xa80425fbL;
    private static final LaunchPlan.Caps DEFAULT = new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS, DOCKER_DEFAULT_CAPS,
            DOCKER_DEFAULT_CAPS, 0, 0);
    private static final LaunchPlan.Caps SYS_ADMIN = new LaunchPlan.Caps(DOCKER_DEFAULT_CAPS | 1L << 21,
            DOCKER_DEFAULT_CAPS | 1L << 21, DOCKER_DEFAULT_CAPS | 1L << 21, 0, 0);

    @TempDir
    Path tmp;
    HelperBinary helper;

    @BeforeEach
    void install() {
        helper = HelperBinary.install(tmp.resolve("helpers"));
    }

    private SeccompPolicy policy() {
        return new SeccompPolicy(() -> helper);
    }

    private static ContainerConfig config(String seccompProfile, boolean privileged) {
        return new ContainerConfig("busybox", null, List.of("/nonexistent"), List.of("true"), List.of(), null, null,
                null, Map.of(), List.of(), List.of(), List.of(), false, false, "none", false, false, false,
                CgroupLimits.NONE, List.of(), List.of(), List.of(), seccompProfile, privileged);
    }

    private List<Path> cached() throws Exception {
        try (Stream<Path> files = Files.list(helper.dataDir("seccomp"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void defaultProfile_isCompiledOnce_andReadFromDiskByTheNextJvm() throws Exception {
        SeccompProgram first = policy().program(config(null, false), DEFAULT);

        assertThat(first.instructions()).isBetween(100, SeccompProgram.MAX_INSTRUCTIONS);
        assertThat(cached()).hasSize(1);
        Path file = cached().get(0);
        assertThat(Files.readAllBytes(file)).isEqualTo(first.bytes());
        assertThat(file.getFileName().toString()).startsWith("default-").endsWith(".bpf");

        // A "next JVM": a new policy finds the file; a marker byte written into it proves it was read, not rebuilt.
        byte[] marked = first.bytes();
        marked[marked.length - 1] ^= 0x7f;
        Files.write(file, marked);
        assertThat(policy().program(config(null, false), DEFAULT).bytes()).isEqualTo(marked);
    }

    @Test
    void aDamagedFile_isCompiledAgainAndReplaced() throws Exception {
        SeccompProgram good = policy().program(config(null, false), DEFAULT);
        Path file = cached().get(0);
        Files.write(file, new byte[] {1, 2, 3});

        assertThat(policy().program(config(null, false), DEFAULT).bytes()).isEqualTo(good.bytes());
        assertThat(Files.readAllBytes(file)).isEqualTo(good.bytes());
    }

    @Test
    void capabilities_andCustomProfiles_getTheirOwnPrograms() throws Exception {
        SeccompPolicy p = policy();
        SeccompProgram plain = p.program(config(null, false), DEFAULT);
        SeccompProgram admin = p.program(config(null, false), SYS_ADMIN);
        String allowAll = """
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["reboot"], "action": "SCMP_ACT_ERRNO"}]}""";
        SeccompProgram custom = p.program(config(allowAll, false), DEFAULT);

        assertThat(admin.bytes()).isNotEqualTo(plain.bytes()); // mount, unshare ... opened by CAP_SYS_ADMIN
        assertThat(custom.instructions()).isLessThan(plain.instructions());
        assertThat(cached()).hasSize(3);
        assertThat(cached()).anyMatch(f -> f.getFileName().toString().startsWith("custom-"));
    }

    @Test
    void unconfinedAndPrivileged_haveNoProgram() {
        assertThat(policy().program(config("unconfined", false), DEFAULT)).isNull();
        assertThat(policy().program(config(null, true), DEFAULT)).isNull();
    }

    @Test
    void aRuleLibseccompRefuses_isAProfileError_naming_it() {
        String badCondition = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
                  {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                   "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"},
                            {"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}""";

        assertThatThrownBy(() -> policy().program(config(badCondition, false), DEFAULT))
                .isInstanceOf(SeccompProfileException.class).hasMessageContaining("personality");
    }
}
