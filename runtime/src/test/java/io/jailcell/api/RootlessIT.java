package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same runtime as an unprivileged user (uid 65534, via setpriv): the user is root in a user namespace, and the
 * container gets its own pid, mount, uts, ipc, net and cgroup namespaces as under root.
 */
class RootlessIT {
    static final int NOBODY = 65534;
    static Path work;
    static String classPath;

    @BeforeAll
    static void prepare() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root to switch to an unprivileged uid");
        assumeTrue(Jailcell.probe().userNamespaces(), "user namespaces are unavailable here");
        work = Files.createTempDirectory("jc-rootless");
        work.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);
        classPath = ChildJvm.copyClassPath(Files.createDirectory(work.resolve("cp")));
        Path root = Files.createDirectory(work.resolve("store"));
        Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    private static String[] runAsNobody(String name, String script) throws Exception {
        Process p = ChildJvm.foregroundRun(classPath,
                List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env",
                        "HOME=" + work),
                work.resolve("store").toString(), name, "true", "sh", "-c", script).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isZero();
        return new String[] {out, err};
    }

    @Test
    void rootless_userIsRootInsideMappedToItsOwnUid() throws Exception {
        String out = runAsNobody("rl1", "id -u; cat /proc/self/uid_map; echo $$; hostname; touch /written && echo ok")[0];
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("created ");
        assertThat(lines.get(1)).isEqualTo("0");
        assertThat(lines.get(2).trim().split("\\s+")).containsExactly("0", Integer.toString(NOBODY), "1");
        assertThat(lines.get(3)).isEqualTo("1");
        assertThat(lines.get(4)).isEqualTo(lines.get(0).substring("created ".length(), "created ".length() + 12));
        assertThat(lines.get(5)).isEqualTo("ok");
    }

    @Test
    void rootless_buildsWithCopyingSnapshots_andRunsTheImage() throws Exception {
        Path ctx = Files.createDirectory(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /built && rm /etc/hostname\n"
                + "COPY note.txt /note.txt\n");
        Files.writeString(ctx.resolve("note.txt"), "copied\n");
        for (Path p : List.of(ctx, ctx.resolve("Dockerfile"), ctx.resolve("note.txt"))) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }
        List<String> asNobody = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env",
                "HOME=" + work, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "io.jailcell.cli.JailcellCli", "--root", work.resolve("store").toString());
        List<String> build = new java.util.ArrayList<>(asNobody);
        build.addAll(List.of("build", "-t", "localhost/rootless:1", ctx.toString()));
        Process b = new ProcessBuilder(build).redirectErrorStream(true).start();
        String buildOut = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(b.waitFor()).as(buildOut).isZero();
        List<String> run = new java.util.ArrayList<>(asNobody);
        run.addAll(List.of("run", "--rm", "localhost/rootless:1", "sh", "-c",
                "cat /built /note.txt; ls /etc/hostname 2>&1 || true"));
        Process r = new ProcessBuilder(run).redirectErrorStream(true).start();
        String out = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(r.waitFor()).as(out).isZero();
        assertThat(out).startsWith("built\ncopied\n").contains("No such file");
    }

    @Test
    void rootless_joinsAnotherContainersPidNamespace_throughItsUserNamespace() throws Exception {
        // Joining the peer's user namespace, where setgroups is denied: no supplementary group may be asked for.
        List<String> cli = asNobodyCli();
        try {
            List<String> start = new java.util.ArrayList<>(cli);
            start.addAll(List.of("run", "-d", "--name", "rlpeer", "busybox", "sleep", "30"));
            Process s = new ProcessBuilder(start).redirectErrorStream(true).start();
            String started = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(s.waitFor()).as(started).isZero();
            List<String> join = new java.util.ArrayList<>(cli);
            join.addAll(List.of("run", "--rm", "--pid", "container:rlpeer", "busybox", "sh", "-c",
                    "id -u; ps -o comm | grep -c sleep"));
            Process j = new ProcessBuilder(join).redirectErrorStream(true).start();
            String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(j.waitFor()).as(out).isZero();
            assertThat(out.lines().toList()).containsExactly("0", "1");
        } finally {
            List<String> rm = new java.util.ArrayList<>(cli);
            rm.addAll(List.of("rm", "-f", "rlpeer"));
            new ProcessBuilder(rm).redirectErrorStream(true).start().waitFor();
        }
    }

    private static List<String> asNobodyCli() {
        return List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "env",
                "HOME=" + work, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "io.jailcell.cli.JailcellCli", "--root", work.resolve("store").toString());
    }

    @Test
    void rootless_cannotReachHostRootsPowers() throws Exception {
        String out = runAsNobody("rl2", "cat /proc/sys/kernel/hostname > /dev/null; "
                + "echo x > /proc/sysrq-trigger 2>/dev/null || echo sysrq-denied; "
                + "hostname other 2>/dev/null || echo hostname-denied; ls /proc | grep -c '^[0-9]'")[0];
        assertThat(out).contains("sysrq-denied", "hostname-denied");
        // Only the shell and ls (and grep) exist in its pid namespace.
        assertThat(Integer.parseInt(out.lines().reduce((a, b) -> b).orElseThrow().trim())).isLessThanOrEqualTo(3);
    }

    @Test
    void rootless_statsComeFromProc_execWorks_andLimitsAreRefusedSayingWhy() throws Exception {
        Process p = new ProcessBuilder(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "env", "HOME=" + work, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, RootlessStats.class.getName(), work.resolve("store").toString())).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isZero();
        List<String> lines = out.lines().toList();
        String[] stats = lines.get(0).split(" ");
        // sh runs the first sleep in the background and becomes the second (exec of its last command).
        assertThat(Long.parseLong(stats[1])).as("processes in the container's pid namespace").isEqualTo(2);
        assertThat(Long.parseLong(stats[3])).isPositive();
        assertThat(stats[5]).isEqualTo("-1");
        assertThat(lines.get(1)).isEqualTo("exec 0 0 0 " + NOBODY + " 1");
        // top without a cgroup: the pid namespace, root inside and nobody outside
        assertThat(lines.get(2)).isEqualTo("top 1:root:" + NOBODY + ":sleep 30 2:root:" + NOBODY + ":sleep 30");
        assertThat(lines.get(3)).startsWith("refused: limits need cgroups: ");
    }
}
