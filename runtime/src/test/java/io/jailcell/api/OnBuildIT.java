package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ONBUILD: triggers recorded in an image, run right after FROM by the next build, and not inherited further. */
class OnBuildIT {
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
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return dir;
    }

    private static String run(String image, String script) {
        RunResult r = store.jc.run(ContainerSpec.of(image, "sh", "-c", script).autoRemove(true));
        assertThat(r.exit().success()).as(r.stderr()).isTrue();
        return r.stdout();
    }

    @Test
    void triggersRunInOrderRightAfterFrom_inTheChildsContext_andAreNotInherited() throws IOException {
        Path base = context("""
                FROM busybox
                ONBUILD RUN echo one >> /runs
                ONBUILD COPY input.txt /copied.txt
                ONBUILD RUN echo two >> /runs && cat /copied.txt >> /runs
                CMD ["cat", "/runs"]
                """, "input.txt", "from the base's context\n");
        store.jc.images().build(BuildRequest.of(base).tag("localhost/ob-base:1"));
        assertThat(store.jc.images().inspect("localhost/ob-base:1").onBuild()).containsExactly(
                "RUN echo one >> /runs", "COPY input.txt /copied.txt", "RUN echo two >> /runs && cat /copied.txt >> /runs");
        assertThat(run("localhost/ob-base:1", "test -e /runs || echo not-run-in-the-base")).isEqualTo(
                "not-run-in-the-base\n");

        Path child = context("""
                FROM localhost/ob-base:1
                RUN echo child >> /runs
                """, "input.txt", "from the child's context\n");
        BuildResult built = store.jc.images().build(BuildRequest.of(child).tag("localhost/ob-child:1"));
        assertThat(built.steps()).as("FROM, three triggers, RUN").isEqualTo(5);
        assertThat(run("localhost/ob-child:1", "cat /runs")).isEqualTo("one\ntwo\nfrom the child's context\nchild\n");
        assertThat(store.jc.images().inspect("localhost/ob-child:1").onBuild()).isEmpty();

        Path grandchild = context("FROM localhost/ob-child:1\nRUN echo grandchild >> /runs\n");
        store.jc.images().build(BuildRequest.of(grandchild).tag("localhost/ob-grandchild:1"));
        assertThat(run("localhost/ob-grandchild:1", "cat /runs"))
                .isEqualTo("one\ntwo\nfrom the child's context\nchild\ngrandchild\n");
    }

    @Test
    void anEarlierStagesOnBuildLines_runInTheStageBuiltFromIt_asBuildKitDoes() throws IOException {
        Path ctx = context("""
                FROM busybox AS template
                ONBUILD RUN echo triggered > /t
                RUN test ! -e /t
                FROM template
                RUN cat /t > /seen
                ONBUILD RUN echo own
                """);
        store.jc.images().build(BuildRequest.of(ctx).tag("localhost/ob-stage:1"));
        assertThat(run("localhost/ob-stage:1", "cat /seen")).isEqualTo("triggered\n");
        assertThat(store.jc.images().inspect("localhost/ob-stage:1").onBuild()).containsExactly("RUN echo own");
    }

    @Test
    void fluentOnBuild_recordsTriggers_andRefusesTheForbiddenOnes() {
        store.jc.images().from("busybox").onBuild("RUN echo fluent > /f").build("localhost/ob-fluent:1");
        store.jc.images().from("localhost/ob-fluent:1").run("cat /f > /g").build("localhost/ob-fluent:2");
        assertThat(run("localhost/ob-fluent:2", "cat /g")).isEqualTo("fluent\n");
        ImageBuilder b = store.jc.images().from("busybox");
        assertThatThrownBy(() -> b.onBuild("ONBUILD RUN x")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("ONBUILD ONBUILD is not allowed");
        assertThatThrownBy(() -> b.onBuild("FROM busybox")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("FROM is not allowed as an ONBUILD trigger");
    }

    @Test
    void aFailingTrigger_failsTheChildBuild_namingTheTrigger() throws IOException {
        store.jc.images().build(BuildRequest.of(context("FROM busybox\nONBUILD RUN exit 3\n"))
                .tag("localhost/ob-bad:1"));
        long before = store.containerDirs();
        assertThatThrownBy(() -> store.jc.images().build(BuildRequest.of(context("FROM localhost/ob-bad:1\n"))))
                .isInstanceOf(JailcellException.class)
                .hasMessageContaining("(ONBUILD trigger 1 of localhost/ob-bad:1)")
                .hasMessageContaining("exit code 3");
        store.jc.awaitCleanup();
        assertThat(store.containerDirs()).isEqualTo(before);
    }
}
