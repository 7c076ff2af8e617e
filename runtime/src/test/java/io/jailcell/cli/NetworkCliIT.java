package io.jailcell.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jailcell network ...} and {@code run --network/-p/--add-host}, in process, on a store of its own. */
class NetworkCliIT {
    private Path root;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void newStore() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (CI runs integration tests as root)");
        root = Files.createTempDirectory("jailcell-netcli-it");
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (root == null) {
            return;
        }
        for (String id : cli("ps", "-aq").out().trim().split("\n")) {
            if (!id.isEmpty()) {
                cli("rm", "-f", id);
            }
        }
        cli("network", "rm", "jcli-net");
        cli("network", "rm", "jailcell");
        assertThat(new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void networkCreateLsInspectRunWithPortRm() throws Exception {
        assertThat(cli("network", "create", "--subnet", "10.87.222.0/24", "jcli-net").out().trim())
                .isEqualTo("jcli-net");
        assertThat(cli("network", "ls").out()).contains("jcli-net").contains("10.87.222.0/24")
                .contains("10.87.222.1");
        Result again = cli("network", "create", "--subnet", "10.87.222.0/25", "jcli-other");
        assertThat(again.code()).isEqualTo(125);
        assertThat(again.err()).contains("overlaps network jcli-net");

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result run = cli("run", "--rm", "--network", "jcli-net", "-p", "127.0.0.1:" + port + ":80", "--add-host",
                "db:10.1.2.3", "-h", "cell", "busybox", "sh", "-c", "ip -4 -o addr show eth0; cat /etc/hosts");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("inet 10.87.222.").contains("10.1.2.3\tdb").contains("\tcell");
        assertThat(cli("network", "inspect", "jcli-net").out()).contains("\"Bridge\": \"jailcell")
                .contains("MASQUERADE");

        Result unknown = cli("run", "--rm", "--network", "nope", "busybox", "true");
        assertThat(unknown.code()).isEqualTo(125);
        assertThat(unknown.err()).contains("network nope not found");
        assertThat(cli("network", "rm", "jcli-net").out().trim()).isEqualTo("jcli-net");
        assertThat(cli("network", "ls").out()).doesNotContain("jcli-net");
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
}
