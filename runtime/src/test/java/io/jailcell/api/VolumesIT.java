package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bind mounts, named volumes and tmpfs: where a container's data lives, and what outlives it. */
class VolumesIT {
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
        RunResult r = store.jc.run(spec.autoRemove(true));
        return r;
    }

    @Test
    void namedVolume_survivesRemovalAndIsSeenByTheNextContainer_theWritableLayerIsNot() {
        RunResult write = run(ContainerSpec.of("busybox", "sh", "-c",
                "echo kept > /data/f; echo lost > /tmp/g").volume("notes:/data"));
        assertThat(write.exit().success()).as(write.stderr()).isTrue();
        RunResult read = run(ContainerSpec.of("busybox", "sh", "-c", "cat /data/f; cat /tmp/g 2>&1 || true")
                .volume("notes:/data"));
        assertThat(read.stdout()).startsWith("kept\n").contains("No such file");
        VolumeInfo v = store.jc.volume("notes");
        assertThat(v.data().resolve("f")).hasContent("kept");
        assertThat(store.jc.volumes()).extracting(VolumeInfo::name).contains("notes");
        store.jc.removeVolume("notes");
        assertThat(v.data()).doesNotExist();
    }

    @Test
    void newVolume_isFilledFromTheImageAtItsMountPoint() {
        RunResult r = run(ContainerSpec.of("busybox", "cat", "/etc/passwd").volume("etcvol:/etc"));
        assertThat(r.stdout()).startsWith("root:x:0:0:");
        assertThat(store.jc.volume("etcvol").data().resolve("group")).exists();
        store.jc.removeVolume("etcvol");
    }

    @Test
    void volumeInUse_cannotBeRemoved() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sleep", "30").volume("busy:/data"));
        try {
            assertThatThrownBy(() -> store.jc.removeVolume("busy")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("volume is in use");
        } finally {
            c.remove(true);
        }
        assertThat(store.jc.pruneVolumes()).contains("busy");
    }

    @Test
    void bindMount_readOnly_refusesWrites_andReadWriteWritesThrough() throws Exception {
        Path host = Files.createTempDirectory("jc-bind");
        try {
            Files.writeString(host.resolve("in"), "from host\n");
            RunResult ro = run(ContainerSpec.of("busybox", "sh", "-c", "cat /b/in; echo x > /b/out")
                    .volume(host + ":/b:ro"));
            assertThat(ro.stdout()).isEqualTo("from host\n");
            assertThat(ro.stderr()).contains("Read-only file system");
            assertThat(host.resolve("out")).doesNotExist();
            RunResult rw = run(ContainerSpec.of("busybox", "sh", "-c", "echo x > /b/out")
                    .mount("type=bind,source=" + host + ",target=/b"));
            assertThat(rw.exit().success()).isTrue();
            assertThat(host.resolve("out")).hasContent("x");
        } finally {
            new ProcessBuilder("rm", "-rf", host.toString()).start().waitFor();
        }
    }

    @Test
    void bindMount_symlinksInTheSourceResolveInsideTheContainer_writesCannotEscape() throws Exception {
        Path host = Files.createTempDirectory("jc-bind-escape");
        Path outside = Files.createTempDirectory("jc-outside");
        try {
            // A link to a host directory outside the source: inside the container it names the container's path.
            Files.createSymbolicLink(host.resolve("link"), outside);
            Files.createSymbolicLink(host.resolve("etc-link"), Path.of("/etc"));
            RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "mkdir -p " + outside + " && "
                    + "echo escaped > /b/link/owned; cat /b/etc-link/hostname; head -1 /b/etc-link/passwd")
                    .volume(host + ":/b"));
            assertThat(r.stdout()).contains("busybox\n").contains("root:x:0:0:root:/root:/bin/sh");
            assertThat(outside.resolve("owned")).as("nothing written outside the bind source").doesNotExist();
            try (var listing = Files.list(outside)) {
                assertThat(listing.toList()).isEmpty();
            }
        } finally {
            new ProcessBuilder("rm", "-rf", host.toString(), outside.toString()).start().waitFor();
        }
    }

    @Test
    void bindMount_ofAMissingPath_isAClearErrorAndLeavesNothing() {
        assertThatThrownBy(() -> run(ContainerSpec.of("busybox", "true").volume("/no/such/dir:/x")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("bind source path does not exist: /no/such/dir");
        assertThat(store.containerDirs()).isZero();
    }

    @Test
    void bindMount_withBindCreateSrc_makesTheMissingSource() throws Exception {
        Path parent = Files.createTempDirectory("jc-bind-new");
        try {
            Path source = parent.resolve("made/by/jailcell");
            RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "echo hi > /x/f")
                    .mount("type=bind,source=" + source + ",target=/x,bind-create-src"));
            assertThat(r.exit().success()).isTrue();
            assertThat(source.resolve("f")).hasContent("hi");
        } finally {
            new ProcessBuilder("rm", "-rf", parent.toString()).start().waitFor();
        }
    }

    @Test
    void tmpfs_isMemoryOnlyWithItsOptions() {
        RunResult r = run(ContainerSpec.of("busybox", "sh", "-c", "echo hi > /scratch/f && cat /scratch/f; "
                + "grep ' /scratch ' /proc/mounts").tmpfs("/scratch:size=1m,mode=0700"));
        assertThat(r.stdout()).startsWith("hi\n").contains("tmpfs /scratch tmpfs rw,nosuid,nodev,noexec")
                .contains("size=1024k").contains("mode=700");
    }

    @Test
    void restart_keepsTheWritableLayer_butTmpfsStartsEmpty() {
        Container c = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", "test -e /kept && echo layer-kept; "
                + "test -e /scratch/t && echo tmpfs-kept; touch /kept /scratch/t").tmpfs("/scratch"));
        assertThat(c.waitFor().success()).isTrue();
        assertThat(c.logs()).isEmpty();
        store.jc.start(c);
        assertThat(c.waitFor().success()).isTrue();
        assertThat(c.logs()).isEqualTo("layer-kept\n");
        c.restart(java.time.Duration.ofSeconds(1));
        assertThat(c.waitFor().success()).isTrue();
        assertThat(c.logs()).isEqualTo("layer-kept\nlayer-kept\n");
        c.remove();
    }

    @Test
    void badMountSpecs_sayWhatToWrite() {
        assertThatThrownBy(() -> run(ContainerSpec.of("busybox", "true").volume("justone")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("/in/container");
        assertThatThrownBy(() -> run(ContainerSpec.of("busybox", "true").mount("type=nfs,target=/x")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("use bind, volume or tmpfs");
        assertThatThrownBy(() -> run(ContainerSpec.of("busybox", "true").volume("data:relative")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("absolute path");
    }
}
