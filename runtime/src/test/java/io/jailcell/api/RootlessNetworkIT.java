package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rootless bridge networks, through the CLI as an unprivileged user (uid 65534, via setpriv, as {@link RootlessIT}):
 * the store's networks live in the namespaces of its holder process, containers on one network reach each other
 * by address and by name, networks stay apart, and removal, prune and a killed holder leave nothing behind.
 * Traffic goes only between the test's own containers.
 */
class RootlessNetworkIT {
    static final int NOBODY = RootlessIT.NOBODY;
    static Path work;
    static String classPath;
    Path store;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void prepare() throws Exception {
        assumeTrue(io.jailcell.linux.Host.isRoot(), "needs root to switch to an unprivileged uid");
        assumeTrue(Jailcell.probe().userNamespaces(), "user namespaces are unavailable here");
        work = Files.createTempDirectory("jc-rlnet");
        work.toFile().setReadable(true, false);
        work.toFile().setExecutable(true, false);
        classPath = ChildJvm.copyClassPath(Files.createDirectory(work.resolve("cp")));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    @BeforeEach
    void newStore() throws Exception {
        store = Files.createTempDirectory(work, "store");
        Files.setOwner(store, store.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }

    @AfterEach
    void pruneStore() throws Exception {
        Result r = cli("rm", "-f", "web", "web2", "other");
        r = cli("system", "prune", "-f");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(holderProcesses()).as("processes of the holder after prune").isEmpty();
    }

    Result cli(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "env", "HOME=" + work, Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", classPath, "io.jailcell.cli.JailcellCli", "--root", store.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    Result ok(String... args) throws Exception {
        Result r = cli(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    /** The recorded holder's pid, or 0. */
    long holderPid() throws IOException {
        Path record = store.resolve("networks/holder");
        return Files.exists(record) ? Long.parseLong(Files.readString(record).split(" ")[0]) : 0;
    }

    /** Live (not zombie) processes of the store's helper binary in hold mode, and slirp4netns for its holder. */
    List<Long> holderProcesses() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    String state = Files.readString(p.resolve("stat"));
                    boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
                    if (!zombie && cmd.contains(store.toString()) && (cmd.contains("jailcell-helper hold")
                            || cmd.contains("slirp4netns"))) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        }
        return pids;
    }

    List<String> leases(String network) throws IOException {
        Path dir = store.resolve("networks/ipam").resolve(network);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip")).toList();
        }
    }

    @Test
    void rootless_containersOnOneNetworkPingAndFetchByAddressAndName() throws Exception {
        Result created = ok("network", "create", "--subnet", "10.89.41.0/24", "jcit-rl");
        assertThat(created.out().trim()).isEqualTo("jcit-rl");
        String note = holderNote();
        if (!note.isEmpty()) {
            assertThat(created.err()).as("the one line that says the network is internal")
                    .isEqualTo("jailcell: note: " + note + "\n").contains("internal");
        }
        ok("run", "-d", "--name", "web", "--network", "jcit-rl", "busybox", "sh", "-c",
                "echo hello-rootless > /tmp/index.html; exec httpd -f -p 80 -h /tmp");
        String webIp = address("web");
        assertThat(webIp).startsWith("10.89.41.");
        Result client = ok("run", "--rm", "--network", "jcit-rl", "busybox", "sh", "-c",
                "ls /sys/class/net | tr '\\n' ' '; echo; ping -c1 -W5 " + webIp + " >/dev/null && echo by-address; "
                        + "ping -c1 -W5 web >/dev/null && echo by-name; wget -qO- http://web/");
        assertThat(client.out()).as(client.err()).contains("eth0 lo", "by-address", "by-name", "hello-rootless");
        assertThat(holderPid()).isPositive();
        assertThat(ok("exec", "web", "sh", "-c", "id -u; cat /tmp/index.html").out())
                .as("exec joins the holder's user namespace with the container's others").isEqualTo("0\nhello-rootless\n");

        ok("rm", "-f", "web");
        assertThat(leases("jcit-rl")).isEmpty();
        ok("network", "rm", "jcit-rl");
        assertThat(store.resolve("networks/ipam/jcit-rl")).doesNotExist();
        assertThat(inHolder("ip -o link show").lines().toList()).as("only lo is left in the holder")
                .hasSize(note.isEmpty() ? 2 : 1);
        assertThat(inHolder("iptables -S; iptables -t nat -S")).doesNotContain("jailcell");
    }

    @Test
    void rootless_networksStayApart_andNoneHasOnlyLoopback() throws Exception {
        ok("network", "create", "--subnet", "10.89.42.0/24", "jcit-rla");
        ok("network", "create", "--subnet", "10.89.43.0/24", "jcit-rlb");
        ok("run", "-d", "--name", "web", "--network", "jcit-rla", "busybox", "httpd", "-f", "-p", "80");
        String webIp = address("web");
        Result other = cli("run", "--rm", "--network", "jcit-rlb", "busybox", "sh", "-c",
                "ping -c1 -W2 " + webIp + " && echo reached; timeout 3 wget -qO- http://" + webIp + "/ && echo fetched; "
                        + "echo done");
        assertThat(other.out()).as(other.err()).contains("done").doesNotContain("reached", "fetched");
        Result none = ok("run", "--rm", "--network", "none", "busybox", "ls", "/sys/class/net");
        assertThat(none.out().trim()).isEqualTo("lo");
        Result ports = cli("run", "--rm", "--network", "jcit-rla", "-p", "127.0.0.1:18099:80", "busybox", "true");
        assertThat(ports.code()).isEqualTo(125);
        assertThat(ports.err()).contains("published ports (-p) need root");
    }

    @Test
    void rootless_aKilledHolderIsNoticed_itsContainersStopped_andTheNextRunWorks() throws Exception {
        ok("network", "create", "--subnet", "10.89.44.0/24", "jcit-rlc");
        ok("run", "-d", "--name", "web", "--network", "jcit-rlc", "busybox", "sleep", "300");
        assertThat(leases("jcit-rlc")).hasSize(1);
        long holder = holderPid();
        new ProcessBuilder("kill", "-9", Long.toString(holder)).start().waitFor();
        for (int i = 0; i < 100 && holderProcesses().stream().anyMatch(p -> p == holder); i++) {
            Thread.sleep(20);
        }

        Result ps = ok("ps", "-a");
        assertThat(ps.err()).contains("the rootless network namespace holder died; stopping web");
        assertThat(ps.out()).contains("web").doesNotContain("Up ");
        assertThat(leases("jcit-rlc")).isEmpty();
        assertThat(holderProcesses()).as("slirp4netns of the dead holder is ended too").isEmpty();

        ok("rm", "-f", "web");
        ok("run", "-d", "--name", "web2", "--network", "jcit-rlc", "busybox", "httpd", "-f", "-p", "80");
        assertThat(holderPid()).isNotEqualTo(holder).isPositive();
        Result client = ok("run", "--rm", "--network", "jcit-rlc", "busybox", "ping", "-c1", "-W5", "web2");
        assertThat(client.err()).doesNotContain("the rootless network namespace holder died");
    }

    /** The container's address on its network, from {@code jailcell inspect}. */
    String address(String container) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"address\": \"([0-9.]+)/")
                .matcher(ok("inspect", container).out());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The recorded note (second line of the holder's record), empty when slirp4netns runs. */
    String holderNote() throws IOException {
        String[] lines = Files.readString(store.resolve("networks/holder")).split("\n");
        return lines.length > 1 ? lines[1].trim() : "";
    }

    /** A shell command in the holder's user and network namespace, as the store's user. */
    String inHolder(String script) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "nsenter", "-t", Long.toString(holderPid()), "-U", "-n", "--preserve-credentials", "sh", "-c", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
