package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jailcell.api.Jailcell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every tutorial in {@code notebooks/} is executed by real Jupyter on the {@code jailcell} kernel (see
 * {@link TutorialRun}). A notebook fails on any error output, on an exception printed to stderr, and on anything it
 * leaves behind: containers, volumes, images other than busybox, mounts, cgroups.
 *
 * <p>The notebooks that need no root also run as an unprivileged user (uid 65534, via setpriv): rootless, they must
 * still run to the end, with the cells that need root saying why they skip. And every notebook runs on a restricted
 * host, as uid 65534 without user namespaces ({@link NoUserNamespaces}), where no container can start:
 * {@code %info} in the first cell must say so, every cell marked {@code %needs} must say why it skips in one line,
 * and the rest must run.
 *
 * <p>{@code -Djailcell.notebook=02} runs only the notebooks whose names start with {@code 02}.
 */
class NotebooksIT {
    /**
     * The notebooks whose every lesson works rootless (03, cgroups, degrades to one line per cell). Not 07,
     * networking: its lessons are bridges and veths, which need root; its bridge cells skip rootless but it is run
     * as root only.
     */
    private static final List<String> ROOTLESS = List.of("01-containers-vs-vms", "02-namespaces",
            "04-images-and-layers", "05-copy-on-write", "06-data", "09-dependency-hell");
    /** The argument when -Djailcell.notebook picks no rootless notebook. */
    private static final String NONE = "(no rootless notebook selected)";

    static Path work;
    static Path jupyterPath;

    @BeforeAll
    static void installKernel() throws Exception {
        assumeTrue(Jupyter.onPath("jupyter"), "jupyter is not installed (Debian: jupyter-nbconvert python3-nbclient)");
        assumeTrue(Jailcell.probe().root(), "the notebook suite runs as root (and rootless via setpriv from root)");
        work = Files.createTempDirectory("jc-notebooks");
        Jupyter.openUp(work);
        jupyterPath = Jupyter.install(work, Files.createDirectory(work.resolve("prefix")));
        try (Stream<Path> all = Files.walk(work.resolve("prefix"))) {
            all.forEach(Jupyter::openUp);
        }
    }

    @AfterAll
    static void removeWork() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    static List<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(TutorialRun.NOTEBOOKS)) {
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
        TutorialRun run = runClean(name, "root", List.of());
        assertThat(TutorialRun.text(run.codeCells().get(0))).containsPattern("Mode:? +root");
        if (name.equals("07-networking")) {
            screenshot();
        }
    }

    /** The README's picture, made from this run: docs/screenshot.sh renders the topology lesson with Chromium. */
    private static void screenshot() throws Exception {
        assumeTrue(Jupyter.onPath("chromium"), "chromium is not installed (Debian: chromium, in .ci/packages)");
        Path png = Path.of("target/notebook-07-topology.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Jupyter.run(Path.of("target"), Map.of(), Path.of("../docs/screenshot.sh").toAbsolutePath().toString(),
                Path.of("target/executed-notebooks/root/07-networking.ipynb").toAbsolutePath().toString(),
                png.toString());
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).as("a PNG").isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }

    @ParameterizedTest(name = "{0} rootless")
    @MethodSource("rootlessNotebooks")
    void notebookRunsCleanRootless(String name) throws Exception {
        assumeTrue(!name.equals(NONE), "-Djailcell.notebook selects no notebook of the rootless list");
        assumeTrue(Jailcell.probe().userNamespaces(), "user namespaces are unavailable here");
        TutorialRun run = runClean(name, "rootless", List.of("setpriv", "--reuid=" + TutorialRun.NOBODY,
                "--regid=" + TutorialRun.NOBODY, "--clear-groups"));
        assertThat(TutorialRun.text(run.codeCells().get(0))).containsPattern("Mode:? +rootless");
    }

    @ParameterizedTest(name = "{0} without user namespaces")
    @MethodSource("notebooks")
    void notebookTeachesWithoutUserNamespaces(String name) throws Exception {
        try (NoUserNamespaces host = new NoUserNamespaces(work)) {
            // the setting is what it claims: nothing in it makes a user namespace
            assertThatThrownBy(() -> Jupyter.run(work, Map.of(), host.asNobody(), Duration.ofSeconds(30),
                    "unshare", "--user", "true")).hasMessageContaining("No space left on device");
            TutorialRun run = runClean(name, "no-userns", host.asNobody());
            assertThat(TutorialRun.text(run.codeCells().get(0))).as("%%info in %s", name)
                    .containsPattern("Mode:? +rootless")
                    .containsPattern("User namespaces:? +no: user namespaces are disabled \\(user.max_user_namespaces = 0\\)")
                    .containsPattern("Containers:? +no: rootless containers need user namespaces");
            List<String> skipped = new ArrayList<>();
            for (JsonNode cell : run.codeCells()) {
                String source = TutorialRun.source(cell);
                if (source.startsWith("%needs")) {
                    List<String> outputs = Jupyter.outputs(cell);
                    assertThat(outputs).as("%s", TutorialRun.firstLine(cell)).hasSize(1);
                    assertThat(outputs.get(0)).as("%s", TutorialRun.firstLine(cell)).matches(
                            source.startsWith("%needs containers") ? "stream stdout skipped: this cell starts "
                                    + "containers, which cannot start here: rootless containers need user namespaces, "
                                    + "[^\n]*\n" : "stream stdout skipped: this cell needs root, and this kernel "
                                    + "runs as nobody\n");
                    skipped.add(cell.path("id").asText());
                }
            }
            System.out.printf("%s without user namespaces: %d of %d code cells skipped%n", name, skipped.size(),
                    run.codeCells().size());
        }
    }

    /**
     * Runs notebook {@code name} behind {@code asUser} in a fresh directory of the work directory; checks that it
     * shows no error, that its first cell printed the probe, and that it left nothing.
     */
    private static TutorialRun runClean(String name, String mode, List<String> asUser) throws Exception {
        Path dir = Files.createDirectories(work.resolve(mode + "-" + name));
        TutorialRun run = TutorialRun.execute(name, dir, Map.of("JUPYTER_PATH", jupyterPath.toString()), asUser, mode);
        try {
            assertThat(run.problems()).as("errors in %s (%s)", name, mode).isEmpty();
            assertThat(TutorialRun.text(run.codeCells().get(0))).as("the probe shown by the first cell of %s", name)
                    .isNotBlank();
            run.assertNothingLeft();
            return run;
        } finally {
            run.prune(!asUser.isEmpty());
        }
    }
}
