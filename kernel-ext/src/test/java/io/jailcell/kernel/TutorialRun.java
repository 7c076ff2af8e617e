package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.Jailcell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tutorial of {@code notebooks/} executed by real Jupyter ({@code jupyter nbconvert --execute}) on the
 * {@code jailcell} kernel, as root or behind a prefix that runs it as uid 65534, with a private store
 * ({@code JAILCELL_ROOT}), into a scratch directory so that the stored notebooks stay without outputs; then what its
 * cells showed, and what it must not leave behind.
 *
 * <pre>{@code
 * TutorialRun run = TutorialRun.execute("01-containers-vs-vms", dir, Map.of("JUPYTER_PATH", p), List.of(), "root");
 * assertThat(run.problems()).isEmpty();
 * }</pre>
 */
final class TutorialRun {
    static final Path NOTEBOOKS = Path.of(System.getProperty("jailcell.notebooks", "../notebooks"));
    static final int NOBODY = 65534;

    final String name;
    final Path store;
    final JsonNode cells;

    private TutorialRun(String name, Path store, JsonNode cells) {
        this.name = name;
        this.store = store;
        this.cells = cells;
    }

    /**
     * Runs notebook {@code name} with its store, HOME and output in {@code dir} ({@code store}, {@code home},
     * {@code out}, made and, behind {@code asUser}, owned by uid 65534) and {@code env} on top; keeps the executed
     * notebook as {@code target/executed-notebooks/KEPT/NAME.ipynb} for reading (and the README's picture).
     */
    static TutorialRun execute(String name, Path dir, Map<String, String> env, List<String> asUser, String kept)
            throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path input = out.resolve(name + ".ipynb");
        Files.copy(NOTEBOOKS.resolve(name + ".ipynb"), input);
        Jupyter.openUp(dir);
        Jupyter.openUp(input);
        if (!asUser.isEmpty()) {
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            for (Path p : List.of(dir, store, out, home, input)) {
                Files.setOwner(p, nobody);
            }
        }
        Map<String, String> all = new HashMap<>(env);
        all.putAll(Map.of("JAILCELL_ROOT", store.toString(), "HOME", home.toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString()));
        long t0 = System.nanoTime();
        try {
            Jupyter.run(out, all, asUser, Duration.ofMinutes(15), "jupyter", "nbconvert", "--to", "notebook",
                    "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=jailcell",
                    "--ExecutePreprocessor.timeout=300", "--output", name + ".executed.ipynb", name + ".ipynb");
            System.out.printf("notebook %s (%s) ran in %.1f s%n", name, kept, (System.nanoTime() - t0) / 1e9);
            Path executed = out.resolve(name + ".executed.ipynb");
            Path keep = Files.createDirectories(Path.of("target/executed-notebooks", kept));
            Files.copy(executed, keep.resolve(name + ".ipynb"), StandardCopyOption.REPLACE_EXISTING);
            return new TutorialRun(name, store, Jupyter.JSON.readTree(executed.toFile()).get("cells"));
        } catch (Exception | AssertionError e) {
            prune(store, !asUser.isEmpty());
            throw e;
        }
    }

    /** The code cells, in order. */
    List<JsonNode> codeCells() {
        List<JsonNode> code = new ArrayList<>();
        cells.forEach(c -> {
            if (c.get("cell_type").asText().equals("code")) {
                code.add(c);
            }
        });
        return code;
    }

    /** Every error output, and every exception printed to stderr, each with the first line of its cell. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (JsonNode cell : codeCells()) {
            for (JsonNode o : cell.get("outputs")) {
                String type = o.get("output_type").asText();
                if (type.equals("error")) {
                    problems.add(firstLine(cell) + "\n    -> " + o.get("ename").asText() + ": " + o.get("evalue").asText());
                } else if (type.equals("stream") && o.get("name").asText().equals("stderr")
                        && Jupyter.text(o.get("text")).contains("Exception")) {
                    problems.add(firstLine(cell) + "\n    -> stderr: " + Jupyter.text(o.get("text")));
                }
            }
        }
        return problems;
    }

    /** What a cell showed as text: its streams and the text/plain of its results and displays, in order. */
    static String text(JsonNode cell) {
        StringBuilder b = new StringBuilder();
        for (JsonNode o : cell.get("outputs")) {
            b.append(o.has("text") ? Jupyter.text(o.get("text")) : Jupyter.text(o.path("data").get("text/plain")));
        }
        return b.toString();
    }

    /** The source of a cell. */
    static String source(JsonNode cell) {
        return Jupyter.text(cell.get("source"));
    }

    static String firstLine(JsonNode cell) {
        return "cell " + cell.path("id").asText() + ": " + source(cell).lines().findFirst().orElse("");
    }

    /** What the notebook made and must have removed: containers, volumes, images, mounts and cgroups. */
    void assertNothingLeft() throws Exception {
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

    /** Removes what the notebook left: see {@link #prune(Path, boolean)}. */
    void prune(boolean rootless) {
        prune(store, rootless);
    }

    /**
     * Whatever a failed notebook left: removes its containers and volumes so the next test starts clean. A rootless
     * store's containers are only killed (their mounts live and die in their own namespaces); the files go with
     * the work directory.
     */
    static void prune(Path store, boolean rootless) {
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
            jc.pruneVolumes(true);
            jc.awaitCleanup();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            System.err.println("cleaning " + store + ": " + e.getMessage());
        }
    }
}
