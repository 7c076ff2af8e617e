package io.jailcell.store.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.ContainerSpec;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import io.jailcell.api.RunResult;
import io.jailcell.image.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jailcell's archives against the reference tools: skopeo inspects both formats, umoci unpacks the OCI layout,
 * podman loads the docker archive, and what podman saves (both formats) loads back into jailcell and runs.
 * Nothing touches a registry; podman works on a private store that is deleted afterwards.
 */
class ArchiveInteropIT {
    static final String SMALL = "localhost/small:1";
    static Path work;
    static Jailcell jc;
    static boolean madeVarLibContainers;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        for (String tool : List.of("skopeo", "umoci", "podman", "unshare")) {
            assumeTrue(Tools.has(tool), tool + " is not installed (CI installs it from .ci/packages)");
        }
        work = Files.createTempDirectory("jc-archive-it");
        jc = Jailcell.open(work.resolve("store"));
        jc.images().inspect("busybox");
        jc.images().from("busybox").run("echo built > /built.txt").cmd("cat", "/built.txt").build(SMALL);
        for (String image : List.of("busybox", SMALL)) {
            for (String format : List.of("oci-archive", "docker-archive")) {
                jc.images().save(List.of(image), file(image, format), format);
            }
        }
        Path varLib = Path.of("/var/lib/containers");
        madeVarLibContainers = !Files.exists(varLib);
        Files.createDirectories(varLib);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (work == null) {
            return;
        }
        try {
            jc.containers(true).forEach(c -> jc.container(c.id()).remove(true));
            jc.awaitCleanup();
            io.jailcell.linux.cgroup.CgroupManager.detect().pruneParent();
        } finally {
            Tools.run("rm", "-rf", work.toString());
            if (madeVarLibContainers) {
                Files.deleteIfExists(Path.of("/var/lib/containers"));
            }
        }
    }

    static Path file(String image, String format) {
        return work.resolve(image.replaceAll("[^a-z0-9]", "_") + "." + format + ".tar");
    }

    @Test
    void skopeo_inspectsBothFormats_andTheyAgreeOnDigestsAndDiffIds() {
        for (String image : List.of("busybox", SMALL)) {
            ImageInfo info = jc.images().inspect(image);
            String tag = image.equals(SMALL) ? "1" : "latest";
            Map<String, Object> oci = inspect("oci-archive:" + file(image, "oci-archive") + ":" + tag, false);
            Map<String, Object> docker = inspect("docker-archive:" + file(image, "docker-archive"), false);
            List<String> blobs = info.layers().stream().map(ImageInfo.Layer::digest).toList();
            List<String> diffIds = info.layers().stream().map(ImageInfo.Layer::diffId).toList();
            assertThat(oci.get("Digest")).isEqualTo(info.manifestDigest());
            assertThat(oci.get("Layers")).isEqualTo(blobs);
            assertThat(docker.get("Layers")).as("docker-archive layers are the uncompressed tars").isEqualTo(diffIds);
            Map<String, Object> ociConfig = inspect("oci-archive:" + file(image, "oci-archive") + ":" + tag, true);
            Map<String, Object> dockerConfig = inspect("docker-archive:" + file(image, "docker-archive"), true);
            assertThat(ociConfig.get("rootfs")).isEqualTo(dockerConfig.get("rootfs"));
            assertThat(((Map<?, ?>) ociConfig.get("rootfs")).get("diff_ids")).isEqualTo(diffIds);
        }
    }

    private static Map<String, Object> inspect(String transport, boolean config) {
        String out = config ? Tools.isolated("skopeo", "inspect", "--config", transport)
                : Tools.isolated("skopeo", "inspect", transport);
        return Json.parseObject(out.getBytes(StandardCharsets.UTF_8), "skopeo inspect " + transport);
    }

    @Test
    void umoci_unpacksTheOciLayout() throws Exception {
        for (String image : List.of("busybox", SMALL)) {
            Path layout = Files.createDirectories(work.resolve("layout-" + image.replaceAll("[^a-z0-9]", "_")));
            Tools.run("tar", "-xf", file(image, "oci-archive").toString(), "-C", layout.toString());
            Path bundle = work.resolve("bundle-" + layout.getFileName());
            String tag = image.equals(SMALL) ? "1" : "latest";
            Tools.run("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString());
            assertThat(bundle.resolve("rootfs/bin/busybox")).isRegularFile().isExecutable();
            if (image.equals(SMALL)) {
                assertThat(bundle.resolve("rootfs/built.txt")).hasContent("built");
            }
        }
    }

    @Test
    void podman_loadsTheDockerArchive_andWhatPodmanSavesLoadsAndRunsInJailcell() throws Exception {
        Path pod = Files.createDirectories(work.resolve("podman"));
        try {
            String loaded = Tools.podman(pod, "load", "-i", file(SMALL, "docker-archive").toString());
            assertThat(loaded).contains("Loaded image").contains(SMALL);
            String id = Tools.podman(pod, "image", "inspect", "--format", "{{.Id}}", SMALL).trim();
            assertThat("sha256:" + id).isEqualTo(jc.images().inspect(SMALL).id());
            assertThat(Tools.podman(pod, "load", "-i", file("busybox", "oci-archive").toString()))
                    .contains("Loaded image");

            Path podDocker = work.resolve("podman-small.docker.tar");
            Path podOci = work.resolve("podman-small.oci.tar");
            Tools.podman(pod, "save", "-o", podDocker.toString(), SMALL);
            Tools.podman(pod, "save", "--format", "oci-archive", "-o", podOci.toString(), SMALL);

            Jailcell other = Jailcell.open(work.resolve("store2"));
            for (Path archive : List.of(podDocker, podOci)) {
                assertThat(other.images().load(archive)).as(archive.toString()).containsExactly(SMALL);
                ImageInfo back = other.images().inspect(SMALL);
                ImageInfo mine = jc.images().inspect(SMALL);
                assertThat(back.layers()).extracting(ImageInfo.Layer::diffId)
                        .isEqualTo(mine.layers().stream().map(ImageInfo.Layer::diffId).toList());
                if (archive == podDocker) {
                    // podman's oci-archive re-serialises the config while it converts the manifest, a new id
                    assertThat(back.id()).isEqualTo(mine.id());
                }
                RunResult r = other.run(ContainerSpec.of(SMALL, "sh", "-c", "cat /built.txt; echo ok")
                        .autoRemove(true));
                assertThat(r.stdout()).isEqualTo("built\nok\n");
                other.images().remove(SMALL);
            }
            other.awaitCleanup();
        } finally {
            Tools.podman(pod, "rmi", "-a", "-f");
        }
    }

    @Test
    void jailcellLoadsItsOwnArchivesOfSeveralImages() throws Exception {
        Path both = work.resolve("both.tar");
        jc.images().save(List.of("busybox", SMALL), both, "docker-archive");
        Jailcell other = Jailcell.open(work.resolve("store3"));
        assertThat(other.images().load(both)).containsExactly("busybox:latest", SMALL);
        RunResult r = other.run(ContainerSpec.of("busybox", "echo", "ok").autoRemove(true));
        assertThat(r.stdout()).isEqualTo("ok\n");
        other.awaitCleanup();
    }
}
