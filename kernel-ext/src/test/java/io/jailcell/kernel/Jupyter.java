package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Jupyter for the ITs: the kernelspec installed by the launcher, nbconvert, notebook outputs, and the commands
 * around them (as root or behind a prefix that runs them as another user).
 */
final class Jupyter {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jupyter() {
    }

    /** Installs the jailcell kernelspec under {@code prefix}; returns the JUPYTER_PATH to use. */
    static Path install(Path dir, Path prefix) throws Exception {
        run(dir, Map.of(), System.getProperty("jailcell.launcher"), "kernel", "install", "--prefix", prefix.toString());
        return prefix.resolve("share/jupyter");
    }

    /** A copy of the jailcell kernelspec named {@code name} whose JVM gets {@code options} too. */
    static void variant(Path jupyterPath, String name, String... options) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(jupyterPath.resolve("kernels/jailcell/kernel.json").toFile());
        ArrayNode argv = (ArrayNode) spec.get("argv");
        for (int i = options.length - 1; i >= 0; i--) {
            argv.insert(1, options[i]);
        }
        Path dir = Files.createDirectories(jupyterPath.resolve("kernels/" + name));
        JSON.writeValue(dir.resolve("kernel.json").toFile(), spec);
    }

    /** The cells of the executed notebook {@code in} (nbconvert --execute --allow-errors) in {@code dir}. */
    static JsonNode execute(Path dir, Map<String, String> env, String in) throws Exception {
        run(dir, env, "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=jailcell", "--ExecutePreprocessor.timeout=120",
                "--output", "out.ipynb", in);
        return JSON.readTree(dir.resolve("out.ipynb").toFile()).get("cells");
    }

    /** Each output as "stream NAME TEXT", "error ENAME EVALUE", or "TYPE TEXT/PLAIN". */
    static List<String> outputs(JsonNode cell) {
        List<String> out = new ArrayList<>();
        for (JsonNode o : cell.get("outputs")) {
            String type = o.get("output_type").asText();
            switch (type) {
                case "stream" -> out.add("stream " + o.get("name").asText() + " " + text(o.get("text")));
                case "error" -> out.add("error " + o.get("ename").asText() + " " + o.get("evalue").asText());
                default -> out.add(type + " " + text(o.get("data").get("text/plain")));
            }
        }
        return out;
    }

    /** The text/html of the cell's only rich output. */
    static String html(JsonNode cell) {
        assertThat(cell.get("outputs")).as("outputs of %s", cell.get("source")).hasSize(1);
        return text(cell.get("outputs").get(0).get("data").get("text/html"));
    }

    /** nbformat stores multi-line text as a list of lines. */
    static String text(JsonNode n) {
        if (n == null) {
            return "";
        }
        if (!n.isArray()) {
            return n.asText();
        }
        StringBuilder b = new StringBuilder();
        n.forEach(l -> b.append(l.asText()));
        return b.toString();
    }

    /** Runs a command in {@code dir}; fails with its output unless it exits 0 within 3 minutes; returns stdout. */
    static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        return run(dir, env, List.of(), Duration.ofMinutes(3), command);
    }

    /**
     * Runs {@code command} in {@code dir} behind {@code asUser} (a prefix such as {@code setpriv --reuid=65534 ...},
     * or none), with {@code env} set in the environment and, behind a prefix, through {@code env} on the command
     * line (setpriv keeps the environment; this makes the store, HOME and paths explicit); fails with its output
     * unless it exits 0 within {@code timeout}; returns stdout.
     */
    static String run(Path dir, Map<String, String> env, List<String> asUser, Duration timeout, String... command)
            throws Exception {
        List<String> argv = new ArrayList<>(asUser);
        if (!asUser.isEmpty()) {
            argv.add("env");
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(List.of(command));
        Path out = Files.createTempFile(dir, "command", ".out");
        Path log = Files.createTempFile(dir, "command", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            assertThat(done && p.exitValue() == 0).as("%s %s:%n%s%n%s", String.join(" ", argv),
                    done ? "failed" : "timed out", Files.readString(out), Files.readString(log)).isTrue();
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    /** Makes {@code p} readable (and a directory searchable) by every user: for the runs as another uid. */
    static void openUp(Path p) {
        File f = p.toFile();
        f.setReadable(true, false);
        if (f.isDirectory()) {
            f.setExecutable(true, false);
        }
    }

    /** Writes a notebook of code cells with {@code sources}, for the jailcell kernel. */
    static void writeNotebook(Path file, String... sources) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        int id = 0;
        for (String s : sources) {
            ObjectNode c = cells.addObject();
            c.put("cell_type", "code").put("id", "c" + id++).putNull("execution_count");
            c.putObject("metadata");
            c.putArray("outputs");
            c.put("source", s);
        }
        ObjectNode ks = nb.putObject("metadata").putObject("kernelspec");
        ks.put("name", "jailcell").put("display_name", "Java (jailcell)").put("language", "java");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        JSON.writeValue(file.toFile(), nb);
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
