package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(store.jc.pruneVolumes()).as("named volumes stay by default, as in docker 23+")
                .doesNotContain("busy");
        assertThat(store.jc.pruneVolumes(true)).contains("busy");
    }

    @Test
    void aTargetAlone_andAMountWithoutSource_getAnonymousVolumes_goneWithRemoveVolumes_andPrune() {
        Container c = store.jc.create(ContainerSpec.of("busybox", "sh", "-c", "ls /etc | head -1; touch /etc/x; "
                + "echo y > /scratch/y; touch /ro/z 2>&1 || true")
                .volume("/etc").volume("/scratch").mount("type=volume,target=/ro,readonly").volume("named2:/n"));
        List<MountInfo> anonymous = c.inspect().mounts().stream().filter(MountInfo::anonymous).toList();
        assertThat(anonymous).extracting(MountInfo::destination).containsExactly("/etc", "/scratch", "/ro");
        assertThat(anonymous).extracting(MountInfo::name).allMatch(n -> n.matches("[0-9a-f]{64}"));
        assertThat(anonymous).extracting(MountInfo::readWrite).containsExactly(true, true, false);
        List<String> names = anonymous.stream().map(MountInfo::name).toList();
        assertThat(store.jc.volumes()).filteredOn(VolumeInfo::anonymous).extracting(VolumeInfo::name)
                .containsAll(names);
        assertThat(store.jc.pruneVolumes()).as("in use by a stopped container").doesNotContainAnyElementsOf(names);

        RunResult r = Attached.capture(c.id(), streams -> c.startAttached(streams[0], streams[1]));
        assertThat(store.jc.volume("named2").anonymous()).isFalse();
        assertThat(r.stdout()).as("filled from the image").startsWith("group\n").contains("Read-only file system");
        assertThat(store.jc.volume(names.get(0)).data().resolve("x")).exists();
        assertThat(store.jc.volume(names.get(1)).data().resolve("y")).hasContent("y");

        c.remove(false, true);
        assertThat(store.jc.volumes()).extracting(VolumeInfo::name).doesNotContainAnyElementsOf(names)
                .contains("named2");

        Container kept = store.jc.create(ContainerSpec.of("busybox", "true").volume("/left"));
        String left = kept.inspect().mounts().get(0).name();
        kept.remove();
        assertThat(store.jc.volume(left).anonymous()).as("a plain remove keeps it").isTrue();
        assertThat(store.jc.pruneVolumes()).contains(left).doesNotContain("named2");
        assertThat(store.jc.pruneVolumes(true)).contains("named2");
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
        int volumes = store.jc.volumes().size();
        assertThatThrownBy(() -> run(ContainerSpec.of("busybox", "true").volume("/etc/passwd")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("cannot mount volume over existing file, file exists /etc/passwd")
                .hasMessageContaining("drop -v /etc/passwd");
        assertThat(store.jc.volumes()).as("nothing left").hasSize(volumes);
    }
}
