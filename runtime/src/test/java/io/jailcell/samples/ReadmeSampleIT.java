package io.jailcell.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerSpec;
import io.jailcell.api.Jailcell;
import io.jailcell.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's Java sample, verbatim between the markers, compiled and run by the build. */
class ReadmeSampleIT {

    @Test
    void readmeSample_runs() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root (CI runs integration tests as root)");
        Path root = Files.createTempDirectory("jc-readme");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true);
        try {
            Jailcell jc = Jailcell.open(root);
            // README-SAMPLE-BEGIN
            RunResult r = jc.run(ContainerSpec.of("busybox", "sh", "-c", "echo I am PID $$ on $(hostname)")
                    .hostname("cell1").autoRemove(true));
            out.println(r.stdout());                                      // I am PID 1 on cell1

            Container web = jc.start(ContainerSpec.of("busybox", "httpd", "-f", "-p", "8080").name("web"));
            out.println(web.exec("ps", "-o", "pid,comm").stdout());       // only the container's processes
            out.println(web.inspect().namespaces().get("pid") + " vs host "
                    + web.inspect().hostNamespaces().get("pid"));         // two different pid namespaces
            web.stop(Duration.ofSeconds(2));
            web.remove();

            jc.images().from("busybox").workdir("/www").run("echo '<h1>hi</h1>' > index.html")
                    .cmd("httpd", "-f", "-p", "8080").build("localhost/site:1");   // layers, cached, reproducible
            out.println(jc.images().history("localhost/site:1").get(1).createdBy()); // RUN /bin/sh -c echo ...
            out.println(jc.run(ContainerSpec.of("localhost/site:1", "cat", "index.html")).stdout()); // <h1>hi</h1>
            // README-SAMPLE-END
            assertThat(captured.toString()).startsWith("I am PID 1 on cell1\n").contains("1 httpd")
                    .contains("RUN /bin/sh -c echo '<h1>hi</h1>' > index.html\n").contains("<h1>hi</h1>\n");
        } finally {
            jc(root).containers(true).forEach(c -> jc(root).container(c.id()).remove(true));
            io.jailcell.linux.cgroup.CgroupManager.detect().pruneParent();
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
        }
    }

    private static Jailcell jc(Path root) {
        return Jailcell.open(root);
    }
}
