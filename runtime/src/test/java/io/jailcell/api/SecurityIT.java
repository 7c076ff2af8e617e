package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Docker's default confinement: 14 capabilities, no_new_privs, masked and read-only kernel files. */
class SecurityIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static RunResult run(ContainerSpec spec) {
        return store.jc.run(spec.autoRemove(true));
    }

    private static RunResult sh(String script) {
        return run(ContainerSpec.of("busybox", "sh", "-c", script));
    }

    @Test
    void capabilities_areDockersFourteenAndNoNewPrivsIsSet() {
        String status = sh("grep -E '^(CapEff|CapBnd|CapInh|CapAmb|NoNewPrivs)' /proc/self/status").stdout();
        assertThat(status).contains("CapEff:\t00000000a80425fb", "CapBnd:\t00000000a80425fb",
                "CapInh:\t0000000000000000", "CapAmb:\t0000000000000000", "NoNewPrivs:\t1");
    }

    @Test
    void mount_isRefusedWithoutSysAdmin() {
        RunResult r = sh("mkdir -p /mnt/x && mount -t tmpfs none /mnt/x");
        assertThat(r.exit().code()).isNotZero();
        assertThat(r.stderr()).containsIgnoringCase("permission denied");
    }

    @Test
    void sethostname_isRefusedWithoutSysAdmin_andAllowedWithIt() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        RunResult denied = sh("hostname evil");
        assertThat(denied.exit().code()).isNotZero();
        RunResult allowed = run(ContainerSpec.of("busybox", "sh", "-c", "hostname inside && hostname")
                .capAdd("SYS_ADMIN"));
        assertThat(allowed.stdout().trim()).isEqualTo("inside");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname"))).isEqualTo(hostBefore);
    }

    @Test
    void sysrqTriggerAndProcSys_areReadOnly() {
        RunResult r = sh("echo h > /proc/sysrq-trigger; echo 1 > /proc/sys/kernel/panic; "
                + "mount | grep -E ' /proc/(sysrq-trigger|sys) '");
        assertThat(r.stderr()).contains("Read-only file system");
        assertThat(r.stdout()).contains("/proc/sys type proc (ro,");
    }

    @Test
    void maskedPaths_showNothing() {
        RunResult r = sh("wc -c < /proc/keys; ls /sys/firmware | wc -l");
        assertThat(r.stdout().lines().toList()).containsExactly("0", "0");
    }

    @Test
    void capDrop_removesACapability() {
        RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "chown 1 /tmp && echo changed").capDrop("CHOWN"));
        assertThat(r.stdout()).doesNotContain("changed");
        assertThat(r.stderr()).containsIgnoringCase("operation not permitted");
    }

    @Test
    void user_byName_runsWithItsIdsAndNoEffectiveCapabilities() {
        RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "id; grep CapEff /proc/self/status; echo $HOME")
                .user("daemon"));
        assertThat(r.stdout()).contains("uid=1(daemon) gid=1(daemon)", "CapEff:\t0000000000000000", "/usr/sbin");
    }

    @Test
    void readOnlyRootfs_refusesWrites() {
        RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "touch /x; touch /tmp/y").readOnly(true));
        assertThat(r.stderr()).contains("touch: /x: Read-only file system", "touch: /tmp/y: Read-only file system");
    }

    @Test
    void fileDescriptors_aboveStderrAreClosed() {
        String fds = sh("ls /proc/self/fd").stdout();
        // 0, 1, 2, and the directory ls itself opened.
        assertThat(fds.lines().toList()).containsExactly("0", "1", "2", "3");
    }
}
