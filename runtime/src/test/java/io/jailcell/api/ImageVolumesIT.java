package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An image's VOLUME paths, as docker treats them: each container gets a fresh anonymous volume there, filled from
 * the image, unless it mounts something there itself; --rm and rm -v remove it, a plain rm keeps it.
 */
class ImageVolumesIT {
    static TestStore store;

    @BeforeAll
    static void open() throws IOException {
        store = TestStore.asRoot();
        Path ctx = Files.createTempDirectory(store.root, "ctx");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM busybox
                RUN mkdir -p /data/sub && echo seed > /data/seed && echo deep > /data/sub/deep \\
                    && chown -R nobody /data/sub && echo x > /data/gone
                RUN rm /data/gone
                VOLUME /data
                VOLUME ["/logs"]
                RUN echo after > /data/after
                """);
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/vol:1"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<String> volumeNames() {
        return store.jc.volumes().stream().map(VolumeInfo::name).toList();
    }

    private static MountInfo mountAt(Container c, String destination) {
        return c.inspect().mounts().stream().filter(m -> m.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + destination + ": " + c.inspect().mounts()));
    }

    @Test
    void eachContainer_getsItsOwnAnonymousVolume_filledFromTheImage_keptByRm_removedByRmV() {
        assertThat(store.jc.images().inspect("localhost/vol:1").volumes()).containsExactly("/data", "/logs");
        Container first = store.jc.create(ContainerSpec.of("localhost/vol:1", "sh", "-c",
                "cat /data/seed /data/sub/deep /data/after; stat -c %U /data/sub/deep; echo mine > /data/new; "
                        + "grep -c ' /data ' /proc/self/mountinfo"));
        MountInfo data = mountAt(first, "/data");
        assertThat(data.type()).isEqualTo("volume");
        assertThat(data.anonymous()).isTrue();
        assertThat(data.readWrite()).isTrue();
        assertThat(data.name()).matches("[0-9a-f]{64}");
        String logs = mountAt(first, "/logs").name();
        assertThat(volumeNames()).as("listed from create on").contains(data.name(), logs);
        assertThat(store.jc.volume(data.name()).anonymous()).isTrue();
        assertThat(Path.of(data.source()).resolve("seed")).as("filled at create").hasContent("seed");

        RunResult out = capture(first);
        assertThat(out.stdout()).isEqualTo("seed\ndeep\nafter\nnobody\n1\n");
        assertThat(Path.of(data.source()).resolve("new")).hasContent("mine");
        assertThat(first.diff()).as("volume writes are not in the writable layer")
                .noneMatch(ch -> ch.path().startsWith("/data"));

        Container second = store.jc.create(ContainerSpec.of("localhost/vol:1", "ls", "/data"));
        assertThat(mountAt(second, "/data").name()).isNotEqualTo(data.name());
        assertThat(capture(second).stdout()).isEqualTo("after\nseed\nsub\n");

        first.remove();
        assertThat(volumeNames()).as("plain rm keeps it").contains(data.name());
        String secondVolume = mountAt(second, "/data").name();
        second.remove(false, true);
        assertThat(volumeNames()).as("rm -v removes it").doesNotContain(secondVolume);
        store.jc.removeVolume(data.name());
        store.jc.removeVolume(logs);
    }

    private static RunResult capture(Container c) {
        return Attached.capture(c.id(), streams -> c.startAttached(streams[0], streams[1]));
    }

    @Test
    void runWithRm_removesItsAnonymousVolumes() {
        List<String> before = volumeNames();
        RunResult r = store.jc.run(ContainerSpec.of("localhost/vol:1", "sh", "-c", "echo x > /data/x; ls /data")
                .autoRemove(true));
        assertThat(r.stdout()).isEqualTo("after\nseed\nsub\nx\n");
        assertThat(volumeNames()).isEqualTo(before);
    }

    @Test
    void aPathTheContainerMounts_getsNoAnonymousVolume() throws IOException {
        Path host = Files.createTempDirectory(store.root, "bind");
        Container c = store.jc.create(ContainerSpec.of("localhost/vol:1", "sh", "-c", "ls /data; ls /logs")
                .volume(host + ":/data").tmpfs("/logs"));
        try {
            assertThat(c.inspect().mounts()).extracting(MountInfo::type, MountInfo::destination, MountInfo::anonymous)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bind", "/data", false),
                            org.assertj.core.groups.Tuple.tuple("tmpfs", "/logs", false));
            assertThat(capture(c).stdout()).as("the bind mount's empty directory, not the image's files").isEmpty();
        } finally {
            c.remove(true, true);
        }
    }

    @Test
    void aVolumeOverAFileInTheImage_isRefused_andLeavesNothing() {
        store.jc.images().from("busybox").volume("/etc/passwd").build("localhost/vol-file:1");
        List<String> before = volumeNames();
        long containers = store.containerDirs();
        assertThatThrownBy(() -> store.jc.create(ContainerSpec.of("localhost/vol-file:1", "true")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("cannot mount volume over existing file, file exists /etc/passwd");
        assertThat(volumeNames()).isEqualTo(before);
        assertThat(store.containerDirs()).isEqualTo(containers);
    }
}
