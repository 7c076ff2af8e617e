package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every tutorial in {@code notebooks/} is executed by real Jupyter ({@code jupyter nbconvert --execute}) on the
 * {@code jailcell} kernel, each with a private store ({@code JAILCELL_ROOT}), into a scratch directory so that the
 * stored notebooks stay without outputs. A notebook fails on any error output, on an exception printed to stderr, and
 * on anything it leaves behind: containers, volumes, images other than busybox, mounts, cgroups.
 *
 * <p>The notebooks that need no root also run as an unprivileged user (uid 65534, via setpriv): rootless, they must
 * still run to the end, with the cells that need root saying why they skip.
 *
 * <p>{@code -Djailcell.notebook=02} runs only the notebooks whose names start with {@code 02}.
 */
class NotebooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NOBODY = 65534;
    /**
     * The notebooks whose every lesson works rootless (03, cgroups, degrades to one line per cell). Not 07,
     * networking: its lessons are bridges and veths, which need root; its bridge cells skip rootless but it is run
     * as root only.
     */
    private static final List<String> ROOTLESS = List.of("01-containers-vs-vms", "02-namespaces",
            "04-images-and-layers", "05-copy-on-write", "06-data", "09-dependency-hell");
    /** The argument when -Djailcell.notebook picks no rootless notebook. */
    private static final String NONE = "(no rootless notebook selected)";
    private static final Path NOTEBOOKS = Path.of(System.getProperty("jailcell.notebooks", "../notebooks"));

    static Path work;
    static Path jupyterPath;

    @BeforeAll
    static void installKernel() throws Exception {
        assumeTrue(onPath("jupyter"), "jupyter is not installed (Debian: jupyter-nbconvert python3-nbclient)");
        assumeTrue(Jailcell.probe().root(), "the notebook suite runs as root (and rootless via setpriv from root)");
        work = Files.createTempDirectory("jc-notebooks");
        openUp(work);
        Path prefix = Files.createDirectory(work.resolve("prefix"));
        run(work, Map.of(), List.of(), System.getProperty("jailcell.launcher"), "kernel", "install", "--prefix",
                prefix.toString());
        jupyterPath = prefix.resolve("share/jupyter");
        try (Stream<Path> all = Files.walk(prefix)) {
            all.forEach(NotebooksIT::openUp);
        }
    }

    @AfterAll
    static void removeWork() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    static List<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length()))
                    .filter(n -> n.startsWith(System.getProperty("jailcell.notebook", ""))).sorted().toList();
        }
    }

    static List<String> rootlessNotebooks() throws IOException {
        List<String> present = notebooks();
        List<String> chosen = ROOTLESS.stream().filter(present::contains).toList();
        // JUnit refuses a parameterized test without arguments: -Djailcell.notebook=07 (root only) skips instead
        return chosen.isEmpty() ? List.of(NONE) : chosen;
    }

    @ParameterizedTest(name = "{0} as root")
    @MethodSource("notebooks")
    void notebookRunsCleanAsRoot(String name) throws Exception {
        Path dir = Files.createDirectory(work.resolve("root-" + name));
        List<String> firstCell = execute(name, dir, List.of());
        assertThat(String.join("", firstCell)).contains("Mode: root");
    }

    @ParameterizedTest(name = "{0} rootless")
    @MethodSource("rootlessNotebooks")
    void notebookRunsCleanRootless(String name) throws Exception {
        assumeTrue(!name.equals(NONE), "-Djailcell.notebook selects no notebook of the rootless list");
        assumeTrue(Jailcell.probe().userNamespaces(), "user namespaces are unavailable here");
        Path dir = Files.createDirectory(work.resolve("rootless-" + name));
        openUp(dir);
        Files.createDirectory(dir.resolve("home"));
        Files.createDirectory(dir.resolve("store"));
        Files.createDirectory(dir.resolve("out"));
        for (String d : List.of("", "home", "store", "out")) {
            Files.setOwner(dir.resolve(d), dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        List<String> firstCell = execute(name, dir, List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        assertThat(String.join("", firstCell)).contains("Mode: rootless");
    }

    /**
     * Runs notebook {@code name} with its store in {@code dir/store}, checks its outputs and what it left, and returns
     * the text of the first code cell's outputs (the probe).
     */
    private static List<String> execute(String name, Path dir, List<String> asUser) throws Exception {
        Path store = dir.resolve("store");
        Path out = dir.resolve("out");
        Files.createDirectories(store);
        Files.createDirectories(out);
        Path input = out.resolve(name + ".ipynb");
        Files.copy(NOTEBOOKS.resolve(name + ".ipynb"), input);
        openUp(input);
        Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("JAILCELL_ROOT", store.toString(), "JUPYTER_PATH", jupyterPath.toString(),
                "HOME", dir.resolve("home").toString(), "JUPYTER_RUNTIME_DIR", dir.resolve("home/runtime").toString());
        long t0 = System.nanoTime();
        try {
            run(out, env, asUser, "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                    "--ExecutePreprocessor.kernel_name=jailcell", "--ExecutePreprocessor.timeout=300",
                    "--output", name + ".executed.ipynb", name + ".ipynb");
            System.out.printf("notebook %s%s ran in %.1f s%n", name, asUser.isEmpty() ? "" : " (rootless)",
                    (System.nanoTime() - t0) / 1e9);
            // Kept for reading (and for the README's pictures): target/executed-notebooks/{root,rootless}/NAME.ipynb
            Path kept = Files.createDirectories(Path.of("target/executed-notebooks", asUser.isEmpty() ? "root" : "rootless"));
            Files.copy(out.resolve(name + ".executed.ipynb"), kept.resolve(name + ".ipynb"), StandardCopyOption.REPLACE_EXISTING);
            JsonNode cells = JSON.readTree(out.resolve(name + ".executed.ipynb").toFile()).get("cells");
            List<String> problems = new ArrayList<>();
            List<String> firstCode = null;
            for (JsonNode cell : cells) {
                if (!cell.get("cell_type").asText().equals("code")) {
                    continue;
                }
                List<String> texts = new ArrayList<>();
                for (JsonNode o : cell.get("outputs")) {
                    String type = o.get("output_type").asText();
                    if (type.equals("error")) {
                        problems.add(firstLine(cell) + "\n    -> " + o.get("ename").asText() + ": " + o.get("evalue").asText());
                    } else if (type.equals("stream")) {
                        String text = text(o.get("text"));
                        texts.add(text);
                        if (o.get("name").asText().equals("stderr") && text.contains("Exception")) {
                            problems.add(firstLine(cell) + "\n    -> stderr: " + text);
                        }
                    }
                }
                if (firstCode == null) {
                    firstCode = texts;
                }
            }
            assertThat(problems).as("errors in %s", name).isEmpty();
            assertThat(firstCode).as("the probe printed by the first cell of %s", name).isNotEmpty();
            assertNothingLeft(name, store);
            return firstCode;
        } finally {
            prune(store, !asUser.isEmpty());
        }
    }

    /** What the notebook made and must have removed: containers, volumes, images, mounts and cgroups. */
    private static void assertNothingLeft(String name, Path store) throws Exception {
        Jailcell jc = Jailcell.open(store);
        assertThat(jc.containers(true)).as("containers %s left", name).extracting(ContainerInfo::name).isEmpty();
        assertThat(jc.volumes()).as("volumes %s left", name).isEmpty();
        assertThat(jc.images().list()).as("images %s left", name).flatExtracting(ImageInfo::names)
                .allMatch(n -> n.startsWith("busybox"));
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).as("mounts %s left", name)
                .noneMatch(l -> l.contains(store.toString()));
        // The runtime names each container's cgroup STOREKEY-ID, STOREKEY the CRC32 of the store path; the kernel
        // JVM removes cgroups in the background after the container ends, so give it a moment.
        List<String> cgroups = List.of();
        for (int i = 0; i < 50; i++) {
            cgroups = cgroupsOf(store);
            if (cgroups.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(cgroups).as("cgroups %s left", name).isEmpty();
    }

    private static List<String> cgroupsOf(Path store) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(store.toString().getBytes(StandardCharsets.UTF_8));
        String prefix = String.format("%08x-", crc.getValue());
        List<String> found = new ArrayList<>();
        Path root = Path.of("/sys/fs/cgroup");
        List<Path> parents = new ArrayList<>(List.of(root.resolve("jailcell")));
        try (Stream<Path> hierarchies = Files.list(root)) {
            hierarchies.forEach(h -> parents.add(h.resolve("jailcell")));
        }
        for (Path parent : parents) {
            if (Files.isDirectory(parent)) {
                try (Stream<Path> children = Files.list(parent)) {
                    children.filter(c -> c.getFileName().toString().startsWith(prefix)).forEach(c -> found.add(c.toString()));
                }
            }
        }
        return found;
    }

    /**
     * Whatever a failed notebook left: removes its containers and volumes so the next test starts clean. A rootless
     * store's containers are only killed (their mounts live and die in their own namespaces); the files go with
     * the work directory.
     */
    private static void prune(Path store, boolean rootless) {
        try {
            Jailcell jc = Jailcell.open(store);
            for (ContainerInfo c : jc.containers(true)) {
                if (!rootless) {
                    jc.container(c.id()).remove(true);
                } else if (c.pid() > 0) {
                    new ProcessBuilder("kill", "-KILL", Long.toString(c.pid())).start().waitFor();
                }
            }
            if (rootless) {
                return;
            }
            jc.pruneVolumes();
            jc.awaitCleanup();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            System.err.println("cleaning " + store + ": " + e.getMessage());
        }
    }

    private static String firstLine(JsonNode cell) {
        String src = text(cell.get("source"));
        return "cell " + cell.path("id").asText() + ": " + src.lines().findFirst().orElse("");
    }

    private static String text(JsonNode n) {
        if (!n.isArray()) {
            return n.asText();
        }
        StringBuilder b = new StringBuilder();
        n.forEach(l -> b.append(l.asText()));
        return b.toString();
    }

    private static void openUp(Path p) {
        File f = p.toFile();
        f.setReadable(true, false);
        if (f.isDirectory()) {
            f.setExecutable(true, false);
        }
    }

    private static void run(Path dir, Map<String, String> env, List<String> asUser, String... command) throws Exception {
        List<String> argv = new ArrayList<>(asUser);
        if (!asUser.isEmpty()) {
            argv.add("env");           // setpriv keeps the environment; env makes the store, HOME and paths explicit
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(900, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("run.log"));
        assertThat(done && p.exitValue() == 0).as("%s failed:%n%s", String.join(" ", argv), log).isTrue();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
