package io.jailcell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.Jailcell;
import io.jailcell.registry.RegistryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

        assertThat(outputs(c.get(0)).get(0)).contains("%container run|ps|logs|exec|stop|rm|inspect|diff|top|stats")
                .contains("%container top NAME").contains("%container stats web --live 30")
                .contains("%image pull [--platform OS/ARCH] NAME").contains("%image pull 127.0.0.1:5000/app:1")
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
        assertThat(outputs(c.get(15)).get(0)).startsWith("execute_result USER  PID").containsPattern(
                "\nroot +\\d+ +1 +\\d+ .* sleep 300$");
        // the live chart, updated in place: nbconvert keeps its last state as the one output
        assertThat(outputs(c.get(16))).singleElement().satisfies(o -> assertThat(o)
                .startsWith("display_data web  CPU ").contains(" / 64MiB").endsWith("ended after 2 s"));
        assertThat(html(c.get(16))).startsWith("<svg").contains("<polyline class=\"memory\"");
        assertThat(html(c.get(17))).contains("upper (writable): " + store).contains("lower #2 (read-only)")
                .contains("lower #1 (read-only)").contains("merged: /");
        assertThat(outputs(c.get(18)).get(0)).contains("\nnbvol ");
        assertThat(outputs(c.get(19)).get(0)).contains("\nnbvol ");
        assertThat(outputs(c.get(21))).containsExactly("stream stdout fg\n",
                "error MagicError the container exited with code 3 (its output is above)");
        String noSuchImage = "error MagicError %image: No such image: nope (jailcell images lists what the store has)";
        assertThat(outputs(c.get(22))).containsExactly(noSuchImage);
        assertThat(c.get(22).get("outputs").get(0).get("traceback")).hasSize(1);
        assertThat(outputs(c.get(24))).containsExactly(noSuchImage);
        assertThat(Jupyter.text(c.get(24).get("outputs").get(0).get("traceback").get(1)))
                .contains("io.jailcell.api.NotFoundException").contains("\tat ");
        assertThat(outputs(c.get(28)).get(0)).contains("saved localhost/nbtest:1 to " + tmp.resolve("nbtest.tar"));
        assertThat(outputs(c.get(29)).get(0)).startsWith("execute_result Untagged: localhost/nbtest:1\nDeleted: ");
        assertThat(outputs(c.get(30))).containsExactly("execute_result Loaded image: localhost/nbtest:1");
        assertThat(html(c.get(31))).startsWith("<table").contains("localhost/nbtest:1");
        assertThat(html(c.get(32))).startsWith("<svg").contains("RUN /bin/sh -c echo hi &gt; /hi");
        assertThat(outputs(c.get(33))).containsExactly("execute_result 42");
        assertThat(outputs(c.get(34))).containsExactly("error CellError unknown magic %bogus (%help lists the magics)");
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

    @Test
    void imagePullShowsEachLayerInOneDisplayUpdatedInPlaceAndAnUnreachableRegistryIsOneLine() throws Exception {
        assumeTrue(RegistryServer.available(), "docker-registry is not installed (CI installs it from .ci/packages)");
        Path big = tmp.resolve("big");
        byte[] noise = new byte[3 << 20];
        new java.util.Random(6).nextBytes(noise);   // incompressible: the layer is about 3 MiB on the wire
        Files.write(big, noise);
        try (RegistryServer registry = RegistryServer.open();
             ThrottledProxy slow = new ThrottledProxy(registry.port, 2 << 20)) {
            Jailcell source = Jailcell.open(tmp.resolve("source"));
            source.images().from("busybox").copy(big, "/big").build(registry.host() + "/jc/app:1");
            source.images().push(registry.host() + "/jc/app:1");
            new java.util.Random(7).nextBytes(noise);
            Files.write(big, noise);
            source.images().from("busybox").copy(big, "/big").build(registry.host() + "/jc/other:1");
            source.images().push(registry.host() + "/jc/other:1");
            String ref = "127.0.0.1:" + slow.port() + "/jc/app:1";
            String other = "127.0.0.1:" + slow.port() + "/jc/other:1";
            JsonNode r = cells(List.of(cell("%image pull " + ref), cell("%image pull " + ref),
                    cell("%image pull 127.0.0.1:" + RegistryServer.freePort() + "/jc/app:1"),
                    cell("%image pull --platform linux/s390x " + ref), cell("%image ls"),
                    cell("%image pull " + other, 1.0), cell("%image ls")));

            JsonNode first = r.get(0);
            assertThat(first.get("status").asText()).isEqualTo("ok");
            List<JsonNode> out = list(first.get("outputs"));
            assertThat(out.get(0).get("type").asText()).isEqualTo("display_data");
            String id = out.get(0).get("display_id").asText();
            assertThat(out).allSatisfy(o -> assertThat(o.get("display_id").asText()).isEqualTo(id));
            assertThat(out.subList(1, out.size())).allSatisfy(o ->
                    assertThat(o.get("type").asText()).isEqualTo("update_display_data"));
            assertThat(out).as("redrawn while the 3 MiB layer came at 2 MiB/s").hasSizeGreaterThanOrEqualTo(3)
                    .anySatisfy(o -> assertThat(o.get("text").asText()).containsPattern(
                            "[0-9a-f]{12}: Downloading [0-9.]+MiB / 3MiB"));
            String last = out.get(out.size() - 1).get("text").asText();
            assertThat(last.lines().toList()).hasSize(5).first().isEqualTo("pull " + ref);
            assertThat(last).containsPattern("\n[0-9a-f]{12}: Pull complete \\(layer 1\\)\n")
                    .containsPattern("\n[0-9a-f]{12}: Pull complete \\(layer 2\\)\n")
                    .containsPattern("\n[0-9a-f]{12}: Pull complete \\(config\\)\n")
                    .containsPattern("\npulled " + ref + ": linux/[a-z0-9]+, 2 layers, 3\\.\\d+MiB, image id "
                            + "[0-9a-f]{12}$");
            assertThat(out.get(out.size() - 1).get("html").asText()).contains("<table").contains(">config<")
                    .contains(">layer 2<");

            String again = lastText(r.get(1));
            assertThat(again).contains("Already exists (layer 1)").contains("Already exists (layer 2)")
                    .contains("Already exists (config)");

            assertThat(errorsOnly(r.get(2))).singleElement().satisfies(e -> assertThat(e)
                    .matches("%image: cannot reach registry 127\\.0\\.0\\.1:\\d+ over https \\(connection refused\\): "
                            + "check the name and port, that the registry runs, and the network"));
            // a failure after blobs moved: the progress display ends with FAILED, then the one-line error
            List<JsonNode> wrong = list(r.get(3).get("outputs"));
            assertThat(wrong.get(wrong.size() - 2).get("text").asText()).endsWith("\nFAILED");
            assertThat(errorsOnly(r.get(3).get("outputs").get(wrong.size() - 1))).singleElement().satisfies(e ->
                    assertThat(e).startsWith("%image: ").contains("not linux/s390x").doesNotContain("\n"));
            assertThat(lastText(r.get(4))).contains("\n" + ref + " ");

            // 3 MiB at 2 MiB/s: an interrupt after 1 s stops the pull, and nothing is tagged
            JsonNode stopped = r.get(5);
            assertThat(stopped.get("seconds").asDouble()).as("stopped after the interrupt").isLessThan(2.0);
            List<JsonNode> shown = list(stopped.get("outputs"));
            assertThat(errorsOnly(shown.get(shown.size() - 1))).containsExactly("%image pull " + other
                    + ": interrupted; nothing was tagged (blobs already in are kept for the next pull)");
            assertThat(lastText(r.get(6))).doesNotContain("jc/other");
        }
    }

    @Test
    void topListsTheProcessesAndStatsDrawsALiveChartUntilTheSecondsTheExitOrAnInterrupt() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "containers here need root");
        JsonNode r = cells(List.of(
                cell("%container run -d --name busy --cpus 0.5 -m 64m busybox sh -c \"while :; do :; done & "
                        + "exec sleep 300\""),
                cell("%container top busy"),
                cell("%container stats busy --live 3"),
                cell("%container stats busy --live 60\n40 + 2", 2.0),
                cell("%container stats busy"),
                cell("%container run -d --name brief busybox sleep 2"),
                cell("%container stats brief --live 60"),
                cell("%container stop -t 0 busy"),
                cell("%container top busy"),
                cell("%container stats busy --live 5"),
                cell("%container stats busy --live forever")));
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 7}) {
            assertThat(r.get(i).get("status").asText()).as("cell %d: %s", i, r.get(i)).isEqualTo("ok");
        }
        String top = lastText(r.get(1));
        assertThat(top.lines().findFirst().orElseThrow()).startsWith("USER  PID").contains("PID IN CONTAINER")
                .endsWith("COMMAND");
        java.util.regex.Matcher one = java.util.regex.Pattern.compile("\nroot +(\\d+) +1 +\\d+ .* sleep 300(\n|$)")
                .matcher(top);
        assertThat(one.find()).as("pid 1 in %s", top).isTrue();
        assertThat(top.lines()).hasSize(3);
        assertThat(top).containsPattern("\nroot +\\d+ +2 +" + one.group(1)
                + " .* sh -c while :; do :; done & exec sleep 300");
        assertThat(list(r.get(1).get("outputs")).get(0).get("html").asText()).startsWith("<table");

        List<JsonNode> live = list(r.get(2).get("outputs"));
        assertThat(live.get(0).get("type").asText()).isEqualTo("display_data");
        assertThat(live).as("a redraw every 0.5 s for 3 s").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(o -> assertThat(o.get("display_id").asText())
                        .isEqualTo(live.get(0).get("display_id").asText()));
        String end = live.get(live.size() - 1).get("text").asText();
        assertThat(end).startsWith("busy  CPU ").contains(" / 64MiB").endsWith("ended after 3 s");
        double cpu = Double.parseDouble(end.replaceAll("^busy  CPU ([0-9.]+)%.*$", "$1"));
        // held to half a core by its quota; less when the CPUs are busy with other work
        assertThat(cpu).as("a busy loop held to half a core").isBetween(5.0, 60.0);
        assertThat(live.get(live.size() - 1).get("html").asText()).startsWith("<svg")
                .containsPattern("<polyline class=\"cpu\"[^>]* points=\"[0-9., ]+\"");

        JsonNode interrupted = r.get(3);
        assertThat(interrupted.get("status").asText()).isEqualTo("error");
        assertThat(interrupted.get("evalue").asText()).isEqualTo("Interrupted");
        assertThat(interrupted.get("seconds").asDouble()).as("stopped after the interrupt").isLessThan(1.0);
        List<JsonNode> shown = list(interrupted.get("outputs"));
        assertThat(shown.get(shown.size() - 1).get("type").asText()).isEqualTo("error");
        assertThat(shown.get(shown.size() - 2).get("text").asText()).as("the chart stays, saying why it ended")
                .endsWith("interrupted");
        assertThat(list(interrupted.get("outputs"))).noneSatisfy(o ->
                assertThat(o.get("type").asText()).isEqualTo("execute_result"));

        assertThat(lastText(r.get(4))).contains("\nbusy ").contains("/ 64MiB");
        assertThat(r.get(6).get("seconds").asDouble()).as("ended by the exit, not the 60 s").isLessThan(20);
        assertThat(lastText(r.get(6))).endsWith("the container exited");
        assertThat(errorsOnly(r.get(8))).containsExactly(
                "%container: container busy is not running (start it first: its processes are gone)");
        assertThat(errorsOnly(r.get(9))).singleElement().satisfies(e -> assertThat(e)
                .startsWith("container busy is not running: there is nothing to watch"));
        assertThat(errorsOnly(r.get(10))).containsExactly("--live forever: give the seconds to watch, more than 0 "
                + "and at most 3600 (e.g. --live 30); interrupt the cell to stop early");
    }

    private static Map<String, Object> cell(String code) {
        return Map.of("code", code);
    }

    private static Map<String, Object> cell(String code, double interruptAfter) {
        return Map.of("code", code, "interrupt_after", interruptAfter);
    }

    /** Runs the cells in one kernel through jupyter_client (run_cells.py); one result per cell. */
    private JsonNode cells(List<Map<String, Object>> cells) throws Exception {
        Path file = tmp.resolve("cells.json");
        Jupyter.JSON.writeValue(file.toFile(), cells);
        String out = Jupyter.run(tmp, Map.of("JUPYTER_PATH", jupyterPath.toString(), "JAILCELL_ROOT",
                        store.toString()), "/usr/bin/python3",
                Path.of("src/test/resources/run_cells.py").toAbsolutePath().toString(), "jailcell", file.toString());
        return Jupyter.JSON.readTree(out.lines().reduce((a, b) -> b).orElse("[]"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new java.util.ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    /** The text of a cell's last output. */
    private static String lastText(JsonNode result) {
        List<JsonNode> out = list(result.get("outputs"));
        assertThat(out).as("outputs of %s", result).isNotEmpty();
        return out.get(out.size() - 1).get("text").asText();
    }

    /** The cell's outputs (or one output), which must all be errors; their messages. */
    private static List<String> errorsOnly(JsonNode result) {
        List<String> errors = new java.util.ArrayList<>();
        for (JsonNode o : result.has("outputs") ? result.get("outputs") : List.of(result)) {
            assertThat(o.get("type").asText()).as("outputs of %s", result).isEqualTo("error");
            assertThat(o.get("traceback")).as("one line, no stack trace: %s", o).hasSize(1);
            errors.add(o.get("evalue").asText());
        }
        return errors;
    }

    private JsonNode drive(String kernel, String firstCell) throws Exception {
        String out = Jupyter.run(tmp, Map.of("JUPYTER_PATH", jupyterPath.toString(), "JAILCELL_ROOT",
                        store.toString()), "/usr/bin/python3",
                Path.of("src/test/resources/drive_kernel.py").toAbsolutePath().toString(), kernel, firstCell);
        return Jupyter.JSON.readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    }
}
