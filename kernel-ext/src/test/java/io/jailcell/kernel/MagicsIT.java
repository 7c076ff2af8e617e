package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.Jailcell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.jailcell.kernel.Jupyter.html;
import static io.jailcell.kernel.Jupyter.outputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Jupyter runs src/test/resources/magics.ipynb, which uses every magic, on the installed kernelspec with a
 * private store ({@code JAILCELL_ROOT}); the saved outputs are checked. Also drives the kernel with
 * jupyter_client: start time, interrupt, and the magics loaded by the agent instead of the extension.
 */
class MagicsIT {
    @TempDir
    Path tmp;
    private Path store;
    private Path jupyterPath;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(Jupyter.onPath("jupyter"), "jupyter is not installed (Debian: jupyter-nbconvert python3-nbclient)");
        store = tmp.resolve("store");
        jupyterPath = Jupyter.install(tmp, tmp.resolve("prefix"));
    }

    @AfterEach
    void removeContainers() {
        if (store != null && Files.isDirectory(store)) {
            Jailcell jc = Jailcell.open(store);
            for (ContainerInfo c : jc.containers(true)) {
                jc.container(c.id()).remove(true);
            }
            jc.awaitCleanup();
        }
    }

    @Test
    void aNotebookUsesEveryMagic() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "containers here need root");
        Files.copy(Path.of("src/test/resources/magics.ipynb"), tmp.resolve("magics.ipynb"));
        JsonNode c = Jupyter.execute(tmp, Map.of("JUPYTER_PATH", jupyterPath.toString(),
                "JAILCELL_ROOT", store.toString()), "magics.ipynb");

        assertThat(outputs(c.get(0)).get(0)).contains("%container run|ps|logs|exec|stop|rm|inspect|diff|stats")
                .contains("%%sh NAME").contains("%%dockerfile").contains("%ns NAME").contains("%debug on|off");
        assertThat(outputs(c.get(1)).get(0)).contains("Store root       " + store);
        // the build's display, updated in place to its last state
        assertThat(outputs(c.get(2))).containsExactly("display_data STEP 1/3: FROM busybox (0.0s)\n"
                + outputs(c.get(2)).get(0).substring("display_data STEP 1/3: FROM busybox (0.0s)\n".length()));
        assertThat(outputs(c.get(2)).get(0)).contains("STEP 2/3: RUN echo hi > /hi (")
                .contains("STEP 3/3: CMD").endsWith(": 3 steps, 0 from the cache");
        assertThat(outputs(c.get(3)).get(0)).startsWith("execute_result NAME ").contains("\nbusybox:latest ")
                .contains("\nlocalhost/nbtest:1 ");
        assertThat(html(c.get(3))).contains("<td style=\"text-align:left\">localhost/nbtest:1</td>");
        assertThat(html(c.get(4))).startsWith("<svg").contains("#2  RUN /bin/sh -c echo hi &gt; /hi")
                .contains("#1  jailcell: busybox-static");
        assertThat(outputs(c.get(5)).get(0)).contains("RUN /bin/sh -c echo hi > /hi");
        assertThat(outputs(c.get(6)).get(0)).matches("stream stdout [0-9a-f]{64}\n");
        assertThat(outputs(c.get(7)).get(0)).containsPattern("\n[0-9a-f]{12}  web +localhost/nbtest:1 .* running ");
        assertThat(outputs(c.get(8))).containsExactly("stream stdout hello from " + outputs(c.get(6)).get(0)
                .substring("stream stdout ".length(), "stream stdout ".length() + 12) + "\n");
        assertThat(outputs(c.get(9))).containsExactly("stream stdout hi\n");
        assertThat(outputs(c.get(10))).containsExactly("stream stdout started\n");
        assertThat(outputs(c.get(11)).get(0)).contains("\nuser ").containsPattern("\npid +\\d+ +\\d+ +no");
        assertThat(html(c.get(11))).contains("<svg").contains("pid:[");
        assertThat(outputs(c.get(12)).get(0)).contains("67108864").contains("pids");
        assertThat(outputs(c.get(13))).containsExactly("execute_result KIND  PATH\nC     /tmp\nA     /tmp/x");
        assertThat(outputs(c.get(14)).get(0)).contains("\nweb ").contains("/ 64MiB").contains("/ 50");
        assertThat(html(c.get(15))).contains("upper (writable): " + store).contains("lower #2 (read-only)")
                .contains("lower #1 (read-only)").contains("merged: /");
        assertThat(outputs(c.get(16)).get(0)).contains("\nnbvol ");
        assertThat(outputs(c.get(17)).get(0)).contains("\nnbvol ");
        assertThat(outputs(c.get(19))).containsExactly("stream stdout fg\n",
                "error MagicError the container exited with code 3 (its output is above)");
        String noSuchImage = "error MagicError %image: No such image: nope (jailcell images lists what the store has)";
        assertThat(outputs(c.get(20))).containsExactly(noSuchImage);
        assertThat(c.get(20).get("outputs").get(0).get("traceback")).hasSize(1);
        assertThat(outputs(c.get(22))).containsExactly(noSuchImage);
        assertThat(Jupyter.text(c.get(22).get("outputs").get(0).get("traceback").get(1)))
                .contains("io.jailcell.api.NotFoundException").contains("\tat ");
        assertThat(outputs(c.get(26)).get(0)).contains("saved localhost/nbtest:1 to " + tmp.resolve("nbtest.tar"));
        assertThat(outputs(c.get(27)).get(0)).startsWith("execute_result Untagged: localhost/nbtest:1\nDeleted: ");
        assertThat(outputs(c.get(28))).containsExactly("execute_result Loaded image: localhost/nbtest:1");
        assertThat(html(c.get(29))).startsWith("<table").contains("localhost/nbtest:1");
        assertThat(html(c.get(30))).startsWith("<svg").contains("RUN /bin/sh -c echo hi &gt; /hi");
        assertThat(outputs(c.get(31))).containsExactly("execute_result 42");
        assertThat(outputs(c.get(32))).containsExactly("error CellError unknown magic %bogus (%help lists the magics)");
    }

    @Test
    void jupyterClientStartsTheKernelAndAnInterruptStopsALoopWithinASecond() throws Exception {
        JsonNode r = drive("jailcell", "1 + 1");
        assertThat(r.get("first_reply").asText()).isEqualTo("2");
        assertThat(r.get("interrupt_status").asText()).isEqualTo("error");
        assertThat(r.get("interrupt_evalue").asText()).isEqualTo("Interrupted");
        assertThat(r.get("interrupt_seconds").asDouble()).isLessThan(1.0);
        assertThat(r.get("after_interrupt").asText()).isEqualTo("42");
        assertThat(r.get("help").get(0).asText()).contains("%container");
        System.out.printf("kernel start to first execute_reply: %.2f s%n", r.get("first_reply_seconds").asDouble());
    }

    @Test
    void theAgentInstallsTheMagicsIntoAKernelWithoutExtensions() throws Exception {
        Jupyter.variant(jupyterPath, "jailcell-noext", "-Djailcell.extensions=false");
        Jupyter.variant(jupyterPath, "jailcell-agent", "-Djailcell.extensions=false",
                "-javaagent:" + System.getProperty("jailcell.kernelJar"));
        assertThat(drive("jailcell-noext", "1").get("help").get(0).asText())
                .isEqualTo("error unknown magic %help (no magics are installed in this kernel)");
        JsonNode agent = drive("jailcell-agent", "%help");
        assertThat(agent.get("first_reply").asText()).contains("%container").contains("%%dockerfile");
    }

    private JsonNode drive(String kernel, String firstCell) throws Exception {
        String out = Jupyter.run(tmp, Map.of("JUPYTER_PATH", jupyterPath.toString(), "JAILCELL_ROOT",
                        store.toString()), "/usr/bin/python3",
                Path.of("src/test/resources/drive_kernel.py").toAbsolutePath().toString(), kernel, firstCell);
        return Jupyter.JSON.readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    }
}
