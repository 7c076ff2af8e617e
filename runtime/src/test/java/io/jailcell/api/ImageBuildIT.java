package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dockerfile builds end to end: RUN in containers, COPY from the context and from stages, the cache, digests. */
class ImageBuildIT {
    static TestStore store;

    @BeforeAll
    static void open() {
        store = TestStore.asRoot();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Path context(String dockerfile, String... files) throws IOException {
        Path dir = Files.createTempDirectory(store.root, "ctx");
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        for (int i = 0; i < files.length; i += 2) {
            Path f = dir.resolve(files[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, files[i + 1]);
        }
        return dir;
    }

    private static String run(String image, String script) {
        RunResult r = store.jc.run(ContainerSpec.of(image, "sh", "-c", script).autoRemove(true));
        assertThat(r.exit().success()).as(r.stderr()).isTrue();
        return r.stdout();
    }

    // The store keeps parsed images per JVM: a rebuild under the same tag, a re-tag and a removal must all show.
    @Test
    void run_afterRebuildRetagAndRemove_usesWhatTheTagNamesNow() throws IOException {
        store.jc.images().build(BuildRequest.of(context("FROM busybox\nCMD [\"echo\", \"first\"]\n"))
                .tag("localhost/moving:1"));
        assertThat(store.jc.run(ContainerSpec.of("localhost/moving:1").autoRemove(true)).stdout()).isEqualTo("first\n");
        store.jc.images().build(BuildRequest.of(context("FROM busybox\nCMD [\"echo\", \"second\"]\n"))
                .tag("localhost/moving:1").tag("localhost/other:1"));
        assertThat(store.jc.run(ContainerSpec.of("localhost/moving:1").autoRemove(true)).stdout()).isEqualTo("second\n");
        store.jc.images().tag("localhost/other:1", "localhost/moving:2");
        assertThat(store.jc.run(ContainerSpec.of("localhost/moving:2").autoRemove(true)).stdout()).isEqualTo("second\n");

        store.jc.images().remove("localhost/moving:1");
        assertThatThrownBy(() -> store.jc.run(ContainerSpec.of("localhost/moving:1").autoRemove(true)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("localhost/moving:1");
        store.jc.images().remove("localhost/moving:2");
        store.jc.images().remove("localhost/other:1");
    }

    @Test
    void multiStage_withArgBeforeFrom_copiesFromAnEarlierStage() throws IOException {
        Path ctx = context("""
                ARG BASE=busybox
                FROM $BASE AS build
                ARG WHO=world
                RUN mkdir /out && echo "hello $WHO" > /out/greeting
                FROM ${BASE}
                COPY --from=build /out/greeting /srv/
                CMD ["cat", "/srv/greeting"]
                """);
        BuildResult r = store.jc.images().build(BuildRequest.of(ctx).tag("localhost/multi:1").buildArg("WHO", "class"));
        assertThat(r.tags()).containsExactly("localhost/multi:1");
        RunResult out = store.jc.run(ContainerSpec.of("localhost/multi:1").autoRemove(true));
        assertThat(out.stdout()).isEqualTo("hello class\n");
        // the final image has busybox's layer and the COPY layer only: the build stage's RUN layer is not in it
        assertThat(store.jc.images().inspect("localhost/multi:1").layers()).hasSize(2);
    }

    @Test
    void userAndWorkdir_applyToLaterRunSteps_andToTheImage() throws IOException {
        Path ctx = context("""
                FROM busybox
                WORKDIR /app
                RUN pwd > /tmp/where && chmod 777 /app
                USER nobody
                RUN id -u > /app/who
                """);
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/user:1"));
        assertThat(run("localhost/user:1", "cat /tmp/where /app/who; id -u; pwd"))
                .isEqualTo("/app\n65534\n65534\n/app\n");
        ImageInfo info = store.jc.images().inspect("localhost/user:1");
        assertThat(info.user()).isEqualTo("nobody");
        assertThat(info.workingDir()).isEqualTo("/app");
    }

    @Test
    void copy_withChownAndChmod_andDockerignore() throws IOException {
        Path ctx = context("""
                FROM busybox
                COPY --chown=nobody:nogroup --chmod=640 app/ /opt/app/
                COPY *.txt /notes/
                """, "app/main.sh", "echo main\n", "app/secret.key", "k", "a.txt", "A", "b.txt", "B",
                "c.log", "C", ".dockerignore", "**/*.key\nb.txt\n");
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/copy:1"));
        String out = run("localhost/copy:1", "stat -c '%n %u %g %a' /opt/app/main.sh; ls /opt/app /notes");
        assertThat(out).startsWith("/opt/app/main.sh 65534 65534 640\n");
        assertThat(out).contains("main.sh").doesNotContain("secret.key").contains("a.txt")
                .doesNotContain("b.txt").doesNotContain("c.log");
    }

    @Test
    void rebuild_reusesEveryLayer_andAChangedFileRebuildsFromTheStepThatUsesIt() throws IOException {
        Path ctx = context("""
                FROM busybox
                RUN echo one > /one
                COPY input.txt /input.txt
                RUN cat /input.txt > /copy
                """, "input.txt", "v1");
        BuildResult first = store.jc.images().build(BuildRequest.of(ctx).tag("localhost/cache:1"));
        assertThat(first.cacheHits()).isZero();
        BuildResult again = store.jc.images().build(BuildRequest.of(ctx).tag("localhost/cache:1"));
        assertThat(again.cacheHits()).isEqualTo(3);
        assertThat(again.imageId()).isEqualTo(first.imageId());

        Files.setLastModifiedTime(ctx.resolve("input.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(store.jc.images().build(BuildRequest.of(ctx)).cacheHits()).as("mtime is not content")
                .isEqualTo(3);

        Files.writeString(ctx.resolve("input.txt"), "v2");
        List<String> cached = new ArrayList<>();
        BuildResult changed = store.jc.images().build(BuildRequest.of(ctx).tag("localhost/cache:2")
                .listener(new BuildListener() {
                    String current;

                    @Override
                    public void step(int n, int total, String text) {
                        current = text;
                    }

                    @Override
                    public void cached() {
                        cached.add(current);
                    }
                }));
        assertThat(cached).containsExactly("RUN echo one > /one");
        assertThat(run("localhost/cache:2", "cat /copy")).isEqualTo("v2");
        assertThat(store.jc.images().build(BuildRequest.of(ctx).noCache(true)).cacheHits()).isZero();
    }

    @Test
    void sameDockerfileAndContext_giveTheSameDigest_withoutTheCache() throws IOException {
        Path ctx = context("""
                FROM busybox
                COPY site /www
                RUN echo made > /www/made && rm /bin/vi
                ENV MODE=prod
                """, "site/index.html", "<h1>hi</h1>");
        BuildResult a = store.jc.images().build(BuildRequest.of(ctx).noCache(true));
        BuildResult b = store.jc.images().build(BuildRequest.of(ctx).noCache(true));
        assertThat(b.imageId()).isEqualTo(a.imageId());
        assertThat(b.manifestDigest()).isEqualTo(a.manifestDigest());
    }

    @Test
    void runThatDeletesALowerFile_writesAWhiteout_andTheFileIsGone() throws IOException {
        Path ctx = context("""
                FROM busybox
                RUN rm /etc/hostname && mkdir -p /var/empty && rm -rf /home && mkdir /home && touch /home/new
                """);
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/wh:1"));
        assertThat(run("localhost/wh:1", "ls /etc/hostname 2>&1; ls /home")).contains("No such file")
                .contains("new");
        ImageInfo info = store.jc.images().inspect("localhost/wh:1");
        String top = info.layers().get(info.layers().size() - 1).digest();
        List<String> names = tarNames(store.root.resolve("images/blobs/sha256").resolve(top.substring(7)));
        assertThat(names).contains("etc/.wh.hostname");
        assertThat(names).anyMatch(n -> n.equals("home/.wh..wh..opq"));
    }

    @Test
    void failingRun_namesTheLineAndExitCode_andLeavesNoContainer() throws IOException {
        Path ctx = context("FROM busybox\n\nRUN echo about to fail && exit 7\n");
        long before = store.containerDirs();
        assertThatThrownBy(() -> store.jc.images().build(BuildRequest.of(ctx).tag("localhost/fail:1")))
                .isInstanceOf(JailcellException.class)
                .hasMessageContaining("Dockerfile:3:1: ")
                .hasMessageContaining("exit code 7");
        store.jc.awaitCleanup();
        assertThat(store.containerDirs()).isEqualTo(before);
        assertThat(store.jc.images().exists("localhost/fail:1")).isFalse();
    }

    @Test
    void addUnpacksALocalTar_runHeredocRunsAsAScript_copyFromAnImage_andTargetStopsEarly() throws Exception {
        Path ctx = context("""
                FROM busybox AS base
                ADD bundle.tar.gz /opt/
                RUN <<EOF
                echo from heredoc > /heredoc
                cat /opt/bundle/inner.txt >> /heredoc
                EOF
                COPY --from=busybox /etc/passwd /copied-passwd
                FROM base AS never
                RUN exit 1
                """, "src/bundle/inner.txt", "inside the tar\n");
        Process tar = new ProcessBuilder("tar", "-czf", ctx.resolve("bundle.tar.gz").toString(), "-C",
                ctx.resolve("src").toString(), "bundle").start();
        assertThat(tar.waitFor()).isZero();
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/add:1").target("base"));
        assertThat(run("localhost/add:1", "cat /heredoc; head -1 /copied-passwd"))
                .isEqualTo("from heredoc\ninside the tar\nroot:x:0:0:root:/root:/bin/sh\n");
    }

    @Test
    void runNetworkNone_seesOnlyLoopback_andRunMountIsRefusedNotIgnored() throws IOException {
        Path ctx = context("FROM busybox\nRUN --network=none ls /sys/class/net > /nets\n");
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/nonet:1"));
        assertThat(run("localhost/nonet:1", "cat /nets")).isEqualTo("lo\n");
        Path mount = context("FROM busybox\nRUN --mount=type=cache,target=/root/.cache true\n");
        assertThatThrownBy(() -> store.jc.images().build(BuildRequest.of(mount)))
                .hasMessageContaining("Dockerfile:2:1: RUN --mount is not supported yet");
    }

    @Test
    void malformedDockerfile_reportsItsLine() throws IOException {
        Path ctx = context("FROM busybox\nRUNN echo\n");
        assertThatThrownBy(() -> store.jc.images().build(BuildRequest.of(ctx)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("Dockerfile:2:1").hasMessageContaining("RUN");
    }

    @Test
    void unknownBaseImage_isAClearError() throws IOException {
        Path ctx = context("FROM localhost/nothing:here\n");
        assertThatThrownBy(() -> store.jc.images().build(BuildRequest.of(ctx)))
                .hasMessageContaining("localhost/nothing:here").hasMessageContaining("not in the store");
    }

    @Test
    void fluentBuilder_runsAndMakesTheSameLayersAsTheMatchingDockerfile() throws IOException {
        Path site = Files.createTempDirectory(store.root, "site");
        Files.writeString(site.resolve("index.html"), "<h1>fluent</h1>");
        store.jc.images().from("busybox").workdir("/app").copy(site, "/app/www").run("echo hi > /app/x")
                .env("K", "V").cmd("cat", "/app/www/index.html").build("localhost/fluent:1");
        Path ctx = context("""
                FROM busybox
                WORKDIR /app
                COPY site /app/www
                RUN echo hi > /app/x
                ENV K=V
                CMD ["cat", "/app/www/index.html"]
                """, "site/index.html", "<h1>fluent</h1>");
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/fluent:2"));
        RunResult r = store.jc.run(ContainerSpec.of("localhost/fluent:1").autoRemove(true));
        assertThat(r.stdout()).isEqualTo("<h1>fluent</h1>");
        assertThat(store.jc.images().inspect("localhost/fluent:1").layers())
                .extracting(ImageInfo.Layer::diffId)
                .isEqualTo(store.jc.images().inspect("localhost/fluent:2").layers().stream()
                        .map(ImageInfo.Layer::diffId).toList());
    }

    @Test
    void tenLayerImage_runsWithEveryLayerStacked() throws IOException {
        StringBuilder df = new StringBuilder("FROM busybox\n");
        for (int i = 0; i < 9; i++) {
            df.append("RUN echo ").append(i).append(" > /layer").append(i).append('\n');
        }
        Path ctx = context(df.toString());
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/ten:1"));
        assertThat(store.jc.images().inspect("localhost/ten:1").layers()).hasSize(10);
        assertThat(run("localhost/ten:1", "cat /layer0 /layer8")).isEqualTo("0\n8\n");
    }

    @Test
    void diffAndCommit_makeANewImageOfAContainersChanges() {
        Container c = store.jc.create(ContainerSpec.of("busybox", "sh", "-c",
                "rm /etc/hostname; echo new > /root/file").name("to-commit"));
        c.startAttached(null, null);
        assertThat(c.diff()).contains(new FileChange('D', "/etc/hostname"), new FileChange('A', "/root/file"),
                new FileChange('C', "/root"));
        String id = store.jc.images().commit("to-commit", "localhost/committed:1", "by hand", null);
        c.remove(true);
        assertThat(id).startsWith("sha256:");
        assertThat(run("localhost/committed:1", "cat /root/file; ls /etc/hostname 2>&1 || true"))
                .startsWith("new\n").contains("No such file");
        assertThat(store.jc.images().history("localhost/committed:1").get(0).comment()).isEqualTo("by hand");
    }

    @Test
    void removeAndPrune_freeTheBlobs_butKeepWhatOthersUse() throws IOException {
        Path ctx = context("FROM busybox\nRUN head -c 100000 /dev/urandom > /big\n");
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/prune:1").noCache(true));
        store.jc.images().remove("localhost/prune:1");
        assertThat(store.jc.images().exists("localhost/prune:1")).isFalse();
        long freed = store.jc.images().prune(true);
        assertThat(freed).isGreaterThan(100_000);
        assertThat(run("busybox", "echo still here")).isEqualTo("still here\n");
    }

    private static List<String> tarNames(Path gz) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, java.nio.charset.StandardCharsets.UTF_8).trim();
                name = name.indexOf(0) >= 0 ? name.substring(0, name.indexOf(0)) : name;
                long size = Long.parseLong(new String(header, 124, 11, java.nio.charset.StandardCharsets.US_ASCII)
                        .trim(), 8);
                if (header[156] == 'x') {
                    in.skipNBytes((size + 511) / 512 * 512);
                    continue;
                }
                names.add(name);
                in.skipNBytes((size + 511) / 512 * 512);
            }
        }
        return names;
    }
}
