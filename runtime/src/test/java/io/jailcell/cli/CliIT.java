package io.jailcell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code jailcell} command against the real kernel (as root): in process through
 * {@link JailcellCli#execute}, and as the packaged jar ({@code jailcell.runtimeJar}) where the container must write
 * to the real file descriptor 1 or receive a signal. Every test has a store of its own and removes what it made.
 */
class CliIT {
    private Path root;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void newStore() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CI runs integration tests as root)");
        root = Files.createTempDirectory("jailcell-cli-it");
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (root == null) {
            return;
        }
        String ids = cli("ps", "-aq").out().trim();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(List.of(ids.split("\n")));
            assertThat(cli(args.toArray(new String[0])).code()).isZero();
        }
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            assertThat(mounts.filter(l -> l.contains(root.toString()))).as("mounts left under " + root).isEmpty();
        }
        // rm -rf tolerates the runtime's background trash purge deleting the same files at the same time
        assertThat(new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void runPassesTheExitCodeThrough() {
        Result r = cli("run", "--rm", "busybox", "sh", "-c", "echo to-out; echo to-err >&2; exit 3");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("to-out\n");
        assertThat(r.err()).isEqualTo("to-err\n");
        assertThat(cli("ps", "-aq").out()).isEmpty(); // --rm
    }

    @Test
    void buildImagesHistoryRunSaveLoadAndRmi_ofTheExampleSite() throws IOException {
        Result built = cli("build", "-t", "localhost/site:1", "../examples/site");
        assertThat(built.code()).as(built.err()).isZero();
        assertThat(built.out()).contains("STEP 1/9: FROM busybox AS build", "Successfully tagged localhost/site:1");
        assertThat(cli("images").out()).contains("localhost/site").contains("busybox");
        assertThat(cli("history", "localhost/site:1").out()).contains("COPY /src /www");
        Result page = cli("run", "--rm", "localhost/site:1", "cat", "/www/index.html");
        assertThat(page.out()).isEqualTo("<h1>Hello from a container</h1>\n<p>built by jailcell from 1 file(s)</p>\n");
        assertThat(cli("build", "../examples/site").out()).as("a rebuild is all cache").contains("Using cache")
                .doesNotContain("--> Using cache\n");
        Path archive = root.resolve("site.tar");
        assertThat(cli("save", "-o", archive.toString(), "localhost/site:1").code()).isZero();
        assertThat(cli("rmi", "localhost/site:1").out()).contains("Untagged: localhost/site:1");
        assertThat(cli("load", "-i", archive.toString()).out()).contains("Loaded image: localhost/site:1");
        assertThat(cli("run", "--rm", "localhost/site:1", "ls", "/www").out()).isEqualTo("index.html\n");
        assertThat(cli("rmi", "nope:1").err()).contains("No such image: nope:1");
    }

    @Test
    void optionsAfterTheImageBelongToTheProgram() {
        Result r = cli("run", "--rm", "-e", "GREETING=hi", "-w", "/tmp", "--hostname", "box", "busybox",
                "sh", "-c", "echo $GREETING $PWD $(hostname) $0", "-l");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("hi /tmp box -l\n");
    }

    @Test
    void aMissingProgramExits127WithDockersMessage() {
        Result r = cli("run", "--rm", "busybox", "no-such-program");
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.err()).startsWith("jailcell: Error: ").contains("executable file not found in $PATH")
                .doesNotContain("\tat ");
    }

    @Test
    void detachedContainerThroughPsExecLogsStopAndRm() {
        Result started = cli("run", "-d", "--name", "web", "busybox", "sh", "-c",
                "echo hello; echo oops >&2; exec sleep 300");
        assertThat(started.code()).isZero();
        String id = started.out().trim();
        assertThat(id).matches("[0-9a-f]{64}");

        Result ps = cli("ps");
        assertThat(ps.out().lines().findFirst().orElseThrow())
                .matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES");
        assertThat(ps.out()).contains(id.substring(0, 12)).contains("busybox").contains("Up ").contains("web");

        Result exec = cli("exec", "-e", "X=42", "web", "sh", "-c", "echo in-$X; exit 4");
        assertThat(exec.code()).isEqualTo(4);
        assertThat(exec.out()).isEqualTo("in-42\n");

        Result logs = cli("logs", "web");
        assertThat(logs.code()).isZero();
        assertThat(logs.out()).isEqualTo("hello\n");
        assertThat(logs.err()).isEqualTo("oops\n");

        Result stop = cli("stop", "-t", "1", "web");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).isEqualTo("web\n");
        assertThat(cli("ps").out()).doesNotContain("web");
        // sleep as PID 1 has no handler for SIGTERM, so stop had to SIGKILL it, as docker stop would
        assertThat(cli("ps", "-a").out()).containsPattern("Exited \\(137\\) .* web");
        assertThat(cli("wait", "web").out()).isEqualTo("137\n");

        Result rm = cli("rm", "web");
        assertThat(rm.code()).isZero();
        assertThat(rm.out()).isEqualTo("web\n");
        assertThat(cli("ps", "-aq").out()).isEmpty();
    }

    @Test
    void createStartWait() {
        Result created = cli("create", "--name", "job", "busybox", "sh", "-c", "echo done; exit 5");
        assertThat(created.code()).isZero();
        assertThat(cli("ps", "-a").out()).contains("Created").contains("job");
        assertThat(cli("start", "job").out()).isEqualTo("job\n");
        assertThat(cli("wait", "job").out()).isEqualTo("5\n");
        assertThat(cli("logs", "job").out()).isEqualTo("done\n");
    }

    @Test
    void limitsStatsAndUpdate() {
        assertThat(cli("run", "-d", "--name", "lim", "-m", "64m", "--pids-limit", "30", "--cpus", "0.5", "busybox",
                "sleep", "300").code()).isZero();
        Result stats = cli("stats", "--no-stream", "lim");
        assertThat(stats.out()).contains("MEM USAGE / LIMIT").contains(" / 64MiB");
        assertThat(cli("update", "--memory", "96m", "lim").out()).isEqualTo("lim\n");
        assertThat(cli("stats", "--no-stream", "lim").out()).contains(" / 96MiB");
        Result bad = cli("run", "--rm", "-m", "1m", "busybox", "true");
        assertThat(bad.code()).isEqualTo(125);
        assertThat(bad.err()).contains("Minimum memory limit allowed is 6MB");
        assertThat(cli("update", "lim").err()).contains("one or more flags");
    }

    @Test
    void topListsTheContainersProcessesWithTheirPidsInsideAndOutside() {
        assertThat(cli("run", "-d", "--name", "tops", "busybox", "sh", "-c", "sleep 301 & exec sleep 302").code())
                .isZero();
        long pid = io.jailcell.api.Jailcell.open(root).container("tops").inspect().pid();
        Result top = cli("top", "tops");
        assertThat(top.code()).as(top.err()).isZero();
        List<String> lines = top.out().lines().toList();
        assertThat(lines.get(0)).startsWith("UID").contains("PID").contains("PPID").contains("CONTAINER PID")
                .endsWith("CMD");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).matches("root +" + pid + " +\\d+ +1 +00:00:00 +\\S+ +sleep 302");
        assertThat(lines.get(2)).matches("root +\\d+ +" + pid + " +\\d+ +00:00:00 +\\S+ +sleep 301");
        assertThat(cli("stop", "-t", "0", "tops").code()).isZero();
        Result stopped = cli("top", "tops");
        assertThat(stopped.code()).isEqualTo(125);
        assertThat(stopped.err()).contains("container tops is not running");
    }

    @Test
    void volumesThroughTheCli() {
        assertThat(cli("volume", "create", "stash").out()).isEqualTo("stash\n");
        assertThat(cli("run", "--rm", "-v", "stash:/s", "busybox", "sh", "-c", "echo 42 > /s/n").code()).isZero();
        assertThat(cli("run", "--rm", "--mount", "type=volume,source=stash,target=/s,readonly", "busybox", "cat",
                "/s/n").code()).isZero();
        assertThat(cli("volume", "ls").out()).contains("local").contains("stash");
        assertThat(cli("volume", "inspect", "stash").out()).contains("\"Name\": \"stash\"").contains("_data");
        assertThat(cli("volume", "rm", "stash").out()).isEqualTo("stash\n");
        assertThat(cli("volume", "ls").out()).doesNotContain("stash");
        Result missing = cli("run", "--rm", "-v", "/does/not/exist:/x", "busybox", "true");
        assertThat(missing.code()).isEqualTo(125);
        assertThat(missing.err()).contains("bind source path does not exist");
    }

    @Test
    void volumeLs_quietAndFilteredByDanglingAndName_asDocker() {
        cli("volume", "create", "used-one");
        cli("volume", "create", "idle-one");
        cli("volume", "create", "idle-two");
        assertThat(cli("create", "--name", "holder", "-v", "used-one:/u", "busybox", "true").code()).isZero();

        assertThat(cli("volume", "ls", "-q").out().lines().toList())
                .containsExactlyInAnyOrder("used-one", "idle-one", "idle-two");
        assertThat(cli("volume", "ls", "-q", "-f", "dangling=true").out().lines().toList())
                .containsExactlyInAnyOrder("idle-one", "idle-two");
        assertThat(cli("volume", "ls", "-q", "--filter", "dangling=false").out()).isEqualTo("used-one\n");
        assertThat(cli("volume", "ls", "-q", "-f", "dangling=true", "--filter", "name=two").out())
                .isEqualTo("idle-two\n");
        assertThat(cli("volume", "ls", "--filter", "name=one").out()).contains("DRIVER", "used-one", "idle-one")
                .doesNotContain("idle-two");
        Result bad = cli("volume", "ls", "--filter", "colour=blue");
        assertThat(bad.code()).isEqualTo(125);
        assertThat(bad.err()).contains("invalid filter 'colour=blue'");

        assertThat(cli("rm", "holder").code()).isZero();
        for (String v : List.of("used-one", "idle-one", "idle-two")) {
            assertThat(cli("volume", "rm", v).code()).isZero();
        }
    }

    @Test
    void twoMountsOnOnePath_areRefusedAsDockerDoes() {
        Result twice = cli("run", "--rm", "-v", "a1:/data", "--mount", "type=volume,source=a2,target=/data/",
                "busybox", "true");
        assertThat(twice.code()).isEqualTo(125);
        assertThat(twice.err()).contains("Duplicate mount point: /data");
        assertThat(cli("volume", "ls", "-q").out()).as("nothing was made").doesNotContain("a1", "a2");
    }

    @Test
    void pruneRemovesStoppedContainersAndUnusedAnonymousVolumesOnly() {
        cli("run", "--name", "done1", "-v", "/scratch", "busybox", "true");
        cli("run", "-d", "--name", "alive", "-v", "keep:/k", "-v", "/inuse", "busybox", "sleep", "300");
        cli("volume", "create", "spare");
        List<String> before = anonymousVolumes();
        assertThat(before).hasSize(2);
        Result pruned = cli("system", "prune", "-f", "--volumes");
        assertThat(pruned.code()).as(pruned.err()).isZero();
        List<String> after = anonymousVolumes();
        assertThat(after).hasSize(1);
        String doneVolume = before.stream().filter(v -> !after.contains(v)).findFirst().orElseThrow();
        assertThat(pruned.out()).contains("Deleted Containers:").contains("Deleted Volumes:\n" + doneVolume + "\n")
                .doesNotContain("keep").doesNotContain("spare").doesNotContain(after.get(0));
        assertThat(cli("ps", "-a").out()).contains("alive").doesNotContain("done1");
        assertThat(cli("volume", "ls").out()).as("named volumes stay, as in docker 23+").contains("keep", "spare");

        Result all = cli("volume", "prune", "-f", "--all");
        assertThat(all.out()).isEqualTo("Deleted Volumes:\nspare\n");
        assertThat(cli("volume", "ls").out()).contains("keep", after.get(0)).doesNotContain("spare");
        assertThat(cli("container", "frobnicate").code()).isEqualTo(125);
    }

    @Test
    void rmV_removesTheAnonymousVolumesOfTargetOnlyMounts_plainRmAndNamedVolumesKeepTheirs() throws Exception {
        Result made = cli("run", "--name", "scratchy", "-v", "/scratch", "--mount", "type=volume,target=/more",
                "-v", "named1:/n", "busybox", "sh", "-c", "echo hi > /scratch/f; echo ho > /more/g; "
                        + "grep -c -e ' /scratch ' -e ' /more ' /proc/self/mountinfo");
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).as("both are mounts").isEqualTo("2\n");
        List<String> scratchy = anonymousVolumes();
        assertThat(scratchy).hasSize(2);
        Result inspect = cli("volume", "inspect", scratchy.get(0));
        assertThat(inspect.out()).contains("\"com.docker.volume.anonymous\": \"\"");
        assertThat(cli("volume", "inspect", "named1").out()).contains("\"Labels\": null");
        Path mountpoint = Path.of(inspect.out().replaceAll("(?s).*\"Mountpoint\": \"([^\"]+)\".*", "$1"));
        assertThat(Files.exists(mountpoint.resolve("f")) || Files.exists(mountpoint.resolve("g")))
                .as("the container wrote into " + mountpoint).isTrue();

        assertThat(cli("run", "--name", "plain", "-v", "/kept", "busybox", "true").code()).isZero();
        List<String> plainVolume = new ArrayList<>(anonymousVolumes());
        plainVolume.removeAll(scratchy);
        assertThat(plainVolume).hasSize(1);
        assertThat(cli("rm", "plain").out()).isEqualTo("plain\n");
        assertThat(anonymousVolumes()).as("plain rm keeps it").contains(plainVolume.get(0));

        Result rm = cli("rm", "-v", "scratchy");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(rm.out()).isEqualTo("scratchy\n");
        assertThat(anonymousVolumes()).as("rm -v removes them").doesNotContainAnyElementsOf(scratchy)
                .containsExactly(plainVolume.get(0));
        assertThat(mountpoint).doesNotExist();
        assertThat(cli("volume", "ls").out()).as("a named volume stays").contains("named1");

        assertThat(cli("run", "--rm", "-v", "/gone", "busybox", "true").code()).isZero();
        assertThat(anonymousVolumes()).as("--rm removes it").containsExactly(plainVolume.get(0));

        assertThat(answerPrune("n")).contains("WARNING! This will remove anonymous local volumes")
                .doesNotContain("Deleted Volumes");
        assertThat(anonymousVolumes()).as("nothing without a yes").containsExactly(plainVolume.get(0));
        assertThat(answerPrune("y")).endsWith("[y/N] Deleted Volumes:\n" + plainVolume.get(0) + "\n");
        assertThat(cli("volume", "ls").out()).contains("named1");
        assertThat(anonymousVolumes()).isEmpty();
        assertThat(cli("volume", "rm", "named1").code()).isZero();
    }

    /** {@code jailcell volume prune} as a process, answering its question with {@code answer}; its stdout. */
    private String answerPrune(String answer) throws IOException, InterruptedException {
        Process p = jar("volume", "prune");
        try (var in = p.getOutputStream()) {
            in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    /** The 64-hex names {@code volume ls} lists. */
    private List<String> anonymousVolumes() {
        List<String> names = new ArrayList<>();
        for (String line : cli("volume", "ls").out().split("\n")) {
            String name = line.substring(line.lastIndexOf(' ') + 1);
            if (name.matches("[0-9a-f]{64}")) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void aTakenNameIsAConflict() {
        assertThat(cli("create", "--name", "twin", "busybox", "true").code()).isZero();
        Result second = cli("run", "--name", "twin", "busybox", "true");
        assertThat(second.code()).isEqualTo(125);
        assertThat(second.err()).startsWith("jailcell: Error: ").contains("\"/twin\" is already in use");
    }

    @Test
    void removingARunningContainerNeedsForce() {
        cli("run", "-d", "--name", "busy", "busybox", "sleep", "300");
        Result rm = cli("rm", "busy");
        assertThat(rm.code()).isEqualTo(125);
        assertThat(rm.err()).contains("You cannot remove a running container").contains("rm -f");
        assertThat(cli("ps", "-q").out()).isNotEmpty();

        Result forced = cli("rm", "-f", "busy", "never-existed");
        assertThat(forced.code()).isZero(); // docker rm -f: a missing container is reported, not a failure
        assertThat(forced.out()).isEqualTo("busy\n");
        assertThat(forced.err()).contains("No such container: never-existed");
        assertThat(cli("ps", "-aq").out()).isEmpty();
    }

    @Test
    void inspectPrintsAJsonArrayWithThePid() throws IOException {
        cli("run", "-d", "--name", "probe", "busybox", "sleep", "300");
        Result r = cli("inspect", "probe");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(1);
        JsonNode c = json.get(0);
        assertThat(c.get("name").asText()).isEqualTo("probe");
        assertThat(c.get("state").asText()).isEqualTo("running");
        assertThat(c.get("pid").asLong()).isPositive();
        assertThat(c.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(c.get("namespaces").get("pid").asText()).isNotEqualTo(c.get("hostNamespaces").get("pid").asText());

        Result missing = cli("inspect", "nope");
        assertThat(missing.code()).isEqualTo(125);
        assertThat(missing.out().trim()).isEqualTo("[]");
        assertThat(missing.err()).contains("No such container: nope");
    }

    @Test
    void infoDescribesTheHost() {
        Result r = cli("info");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^Kernel: \\S+").containsPattern("(?m)^Cgroups: \\S+")
                .contains("Store root: " + root);
    }

    @Test
    void badCommandLinesExit125() {
        Result flag = cli("run", "--no-such-flag", "busybox", "true");
        assertThat(flag.code()).isEqualTo(125);
        assertThat(flag.err()).contains("--no-such-flag").contains("See 'jailcell run --help'.");
        assertThat(cli("ps", "--bogus").code()).isEqualTo(125);
        assertThat(cli("frobnicate").code()).isEqualTo(125);
        assertThat(cli("rm").code()).isEqualTo(125); // a container is required
        assertThat(cli("ps", "-aq").out()).isEmpty();
    }

    @Test
    void helpAndVersion() {
        assertThat(cli("--help").out()).contains("Usage:  jailcell [OPTIONS] COMMAND").contains("  run ");
        assertThat(cli("run", "--help").out()).contains("jailcell run [OPTIONS] IMAGE").contains("--network");
        assertThat(cli("version").out()).contains("Version:");
    }

    @Test
    void thePackagedCommandWritesToItsOwnStdout() throws Exception {
        Process p = jar("run", "--rm", "--network", "none", "busybox", "sh", "-c", "echo hello; exit 3");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("hello\n");
        assertThat(p.exitValue()).isEqualTo(3);
    }

    @Test
    void signalsToTheCommandReachTheContainer() throws Exception {
        for (List<String> naming : List.of(List.of("--name", "trapper"), List.<String>of())) {
            List<String> args = new ArrayList<>(List.of("run", "--rm"));
            args.addAll(naming);
            args.addAll(List.of("busybox", "sh", "-c",
                    "trap 'echo got TERM; exit 7' TERM; echo ready; while true; do sleep 0.1; done"));
            Process p = jar(args.toArray(new String[0]));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            p.toHandle().destroy(); // SIGTERM to the JVM (Process.destroy would also close our end of its stdout)
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM " + naming).isTrue();
            assertThat(out.readLine()).isEqualTo("got TERM");
            assertThat(p.exitValue()).as("exit code " + naming).isEqualTo(7);
        }
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("--root", root.toString()), Stream.of(args)).toArray(String[]::new);
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = JailcellCli.execute(all, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Process jar(String... args) throws IOException {
        String jar = System.getProperty("jailcell.runtimeJar");
        assertThat(jar).as("system property jailcell.runtimeJar (set by failsafe)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar, "--root", root.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
