package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jailcell.kernel.Jupyter.outputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Jupyter ({@code jupyter nbconvert --execute}, Debian's jupyter-nbconvert) runs a notebook on the installed
 * {@code jailcell} kernelspec, and the outputs it saved are checked exactly.
 */
class KernelIT {
    @Test
    void jupyterRunsANotebookOnTheJailcellKernel(@TempDir Path tmp) throws Exception {
        assumeTrue(Jupyter.onPath("jupyter"), "jupyter is not installed (Debian: jupyter-nbconvert python3-nbclient)");
        Path prefix = tmp.resolve("prefix");
        // The command: the launcher hands 'kernel install' to kernel-ext/bin/install-kernelspec.
        Jupyter.run(tmp, Map.of(), System.getProperty("jailcell.launcher"), "kernel", "install", "--prefix",
                prefix.toString());
        Path spec = prefix.resolve("share/jupyter/kernels/jailcell/kernel.json");
        JsonNode kernelJson = Jupyter.JSON.readTree(spec.toFile());
        assertThat(kernelJson.get("display_name").asText()).isEqualTo("Java (jailcell)");
        assertThat(kernelJson.get("argv").toString()).contains(System.getProperty("jailcell.kernelJar"));

        Jupyter.writeNotebook(tmp.resolve("in.ipynb"),
                "int x = 40;",
                "x + 2",
                "System.out.println(\"hi\");",
                "int f() { return 1; }\nf()",
                "int f() { return 2; }\nf()",
                "1 / 0",
                "int y = 1;\nnope + y",
                "Jailcell.probe().kernel()");
        Jupyter.run(tmp, Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString()),
                "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=jailcell", "--ExecutePreprocessor.timeout=120",
                "--output", "out.ipynb", "in.ipynb");

        JsonNode cells = Jupyter.JSON.readTree(tmp.resolve("out.ipynb").toFile()).get("cells");
        assertThat(cells.get(0).get("outputs")).isEmpty();
        assertThat(result(cells.get(1))).isEqualTo("42");
        assertThat(outputs(cells.get(2))).containsExactly("stream stdout hi\n");
        assertThat(result(cells.get(3))).isEqualTo("1");
        assertThat(result(cells.get(4))).isEqualTo("2");
        assertThat(outputs(cells.get(5))).containsExactly("error CellError ArithmeticException: / by zero");
        assertThat(cells.get(5).get("outputs").get(0).get("traceback").toString())
                .isEqualTo("[\"ArithmeticException: / by zero\"]");     // one line, never the kernel's stack
        assertThat(outputs(cells.get(6)))
                .containsExactly("error CellError cannot find symbol: variable nope (line 2: nope + y)");
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        assertThat(result(cells.get(7))).isEqualTo(release);
    }

    /** The text/plain of the cell's single output, which must be its execute_result. */
    private static String result(JsonNode cell) {
        JsonNode outputs = cell.get("outputs");
        assertThat(outputs).as("outputs of %s", cell.get("source")).hasSize(1);
        assertThat(outputs.get(0).get("output_type").asText()).isEqualTo("execute_result");
        return Jupyter.text(outputs.get(0).get("data").get("text/plain"));
    }

    @Test
    void theKernelspecStartsTheJvmWithTheBuildsClassDataArchive(@TempDir Path tmp) throws Exception {
        Path prefix = tmp.resolve("prefix");
        Jupyter.run(tmp, Map.of(), System.getProperty("jailcell.launcher"), "kernel", "install", "--prefix",
                prefix.toString());
        JsonNode argv = Jupyter.JSON.readTree(prefix.resolve("share/jupyter/kernels/jailcell/kernel.json").toFile())
                .get("argv");
        List<String> command = new ArrayList<>();
        argv.forEach(a -> command.add(a.asText()));
        assertThat(command).anySatisfy(a -> assertThat(a).startsWith("-XX:SharedArchiveFile=")
                .endsWith("/target/jailcell-kernel.jsa"));
        // -Xshare:on turns "the archive does not fit these options and jars" (silently ignored) into a failure
        command.add(1, "-Xshare:on");
        command.remove(command.size() - 1);     // {connection_file}: KernelMain then prints its usage, exit 2
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("usage: KernelMain CONNECTION_FILE");
        assertThat(p.exitValue()).as(out).isEqualTo(2);
    }

    @Test
    void shell_opensJShellWithTheApiImported(@TempDir Path tmp) throws Exception {
        Process p = new ProcessBuilder(System.getProperty("jailcell.launcher"), "shell", "-q")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write("System.out.println(\"kernel \" + Jailcell.probe().kernel());\n/exit\n".getBytes());
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        assertThat(out).contains("kernel " + release);
    }
}
