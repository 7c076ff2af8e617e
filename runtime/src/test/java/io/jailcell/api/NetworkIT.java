package io.jailcell.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bridge networks through the real CNI plugins. Traffic goes only to the test's own containers and to the host's
 * loopback.
 */
class NetworkIT {
    static final String WEB = "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -p 80 -h /www";

    TestStore store;

    @BeforeEach
    void open() {
        store = TestStore.asRoot();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** GET from the host; retried while the server starts. */
    static String httpGet(String url) throws Exception {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Test
    void sameNetwork_pingByAddressAndName_andWgetTheOthersHttpd() throws Exception {
        store.jc.createNetwork("jcit-one", null);
        Container web = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", WEB).name("web").network("jcit-one"));
        Container client = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("client")
                .network("jcit-one"));
        Endpoint e = web.inspect().networks().get(0);
        assertThat(e.network()).isEqualTo("jcit-one");
        assertThat(e.address()).startsWith("10.87.").endsWith("/24");
        assertThat(e.hostVeth()).startsWith("veth");
        assertThat(Path.of("/sys/class/net", e.hostVeth())).exists();

        assertThat(client.exec("ping", "-c", "1", "-W", "2", e.ip()).exit().success()).isTrue();
        assertThat(client.exec("ping", "-c", "1", "-W", "2", "web").exit().success()).as("by name").isTrue();
        RunResult get = client.exec("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do timeout 3 wget -q -O- http://web/ "
                + "&& exit 0; sleep 0.2; done; exit 1");
        assertThat(get.stdout()).as(get.stderr()).contains("hello from");
        assertThat(web.exec("cat", "/etc/hosts").stdout()).contains("\tclient");

        client.checkNetwork();
        NetworkInfo net = store.jc.network("jcit-one");
        assertThat(net.bridgePorts()).contains(e.hostVeth());
        assertThat(net.containers()).containsExactlyInAnyOrder("web", "client");
        assertThat(net.rules()).anyMatch(r -> r.contains("MASQUERADE"));
        NetworkView view = client.network();
        assertThat(view.addresses()).anyMatch(l -> l.startsWith("eth0"));
        assertThat(view.routes()).anyMatch(l -> l.startsWith("default via " + e.gateway()));
        // CHECK sees what ip(8) would: an address taken away from eth0 inside is reported broken.
        // (from the host: the container has no CAP_NET_ADMIN, as docker's defaults)
        assertThat(new ProcessBuilder("nsenter", "-t", Long.toString(client.inspect().pid()), "-n", "ip", "addr",
                "flush", "dev", "eth0").inheritIO().start().waitFor()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(client::checkNetwork)
                .isInstanceOf(JailcellException.class).hasMessageContaining("CNI CHECK");
    }

    @Test
    void differentNetworks_cannotReachEachOther() {
        store.jc.createNetwork("jcit-red", null);
        store.jc.createNetwork("jcit-blue", null);
        Container red = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", WEB).name("red").network("jcit-red"));
        Container blue = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("blue").network("jcit-blue"));
        String redIp = red.inspect().networks().get(0).ip();
        assertThat(blue.exec("ping", "-c", "1", "-W", "1", redIp).exit().success()).isFalse();
        // busybox wget's own -T crashes (static busybox 1.35); timeout(1) bounds it instead.
        RunResult get = blue.exec("timeout", "3", "wget", "-q", "-O-", "http://" + redIp + "/");
        assertThat(get.exit().success()).isFalse();
        assertThat(get.stderr()).doesNotContain("Segmentation");
        assertThat(red.exec("timeout", "3", "wget", "-q", "-O-", "http://" + redIp + "/").stdout())
                .as("the server itself answers").contains("hello from");
        assertThat(blue.exec("ping", "-c", "1", "-W", "1", "red").exit().success()).as("no name either").isFalse();
    }

    @Test
    void publishedPorts_onLoopback_answerOnTheHost_twoAtOnce() throws Exception {
        int port = freePort();
        Container a = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", WEB).name("pa").network("bridge")
                .publish("127.0.0.1:" + port + ":80"));
        Container b = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", WEB).name("pb").hostname("second")
                .network("bridge").publish("127.0.0.1::80"));
        String chosen = b.inspect().networks().get(0).ports().get(0);
        assertThat(chosen).startsWith("127.0.0.1:").endsWith("->80/tcp");
        int other = Integer.parseInt(chosen.substring("127.0.0.1:".length(), chosen.indexOf("->")));
        assertThat(other).isPositive().isNotEqualTo(port);

        assertThat(httpGet("http://127.0.0.1:" + port + "/")).contains("hello from " + a.id().substring(0, 12));
        assertThat(httpGet("http://127.0.0.1:" + other + "/")).contains("hello from second");
        assertThat(a.network().natRules()).anyMatch(r -> r.contains("DNAT") && r.contains(Integer.toString(port)));
    }

    @Test
    void networkNone_seesOnlyLoopback() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1")
                .network("none").autoRemove(true));
        assertThat(r.stdout().strip()).isEqualTo("lo");
    }

    @Test
    void networkHost_seesTheHostsInterfaces() throws Exception {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1")
                .network("host").autoRemove(true));
        java.util.List<String> host = java.nio.file.Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
                .map(l -> l.substring(0, l.indexOf(':')).strip()).toList();
        assertThat(r.stdout().lines().map(String::strip)).containsExactlyInAnyOrderElementsOf(host);
    }

    @Test
    void bridge_runGetsAnAddressAndDefaultRoute() {
        RunResult r = store.jc.run(ContainerSpec.of("busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route; "
                + "cat /etc/resolv.conf /etc/hostname").network("bridge").hostname("cell").addHost("db:10.1.2.3")
                .autoRemove(true));
        assertThat(r.exit().success()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("inet 10.87.").contains("default via 10.87.").contains("nameserver")
                .contains("cell");
    }

    @Test
    void connectAndDisconnect_aRunningContainer() {
        store.jc.createNetwork("jcit-front", null);
        store.jc.createNetwork("jcit-back", null);
        Container db = store.jc.start(ContainerSpec.of("busybox", "sh", "-c", WEB).name("db").network("jcit-back"));
        Container app = store.jc.start(ContainerSpec.of("busybox", "sleep", "300").name("app").network("jcit-front"));
        String get = "timeout 3 wget -q -O- http://db/";
        assertThat(app.exec("sh", "-c", get).exit().success()).isFalse();

        app.connect("jcit-back");
        app.checkNetwork();
        assertThat(app.inspect().networks()).extracting(Endpoint::network, Endpoint::ifname)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jcit-front", "eth0"),
                        org.assertj.core.groups.Tuple.tuple("jcit-back", "eth1"));
        assertThat(app.exec("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do " + get + " && exit 0; sleep 0.2; done;"
                + " exit 1").stdout()).contains("hello from");
        assertThat(db.exec("cat", "/etc/hosts").stdout()).contains("\tapp");

        app.disconnect("jcit-back");
        assertThat(app.inspect().networks()).extracting(Endpoint::network).containsExactly("jcit-front");
        app.checkNetwork();
        assertThat(app.exec("sh", "-c", get).exit().success()).isFalse();
        assertThat(db.exec("cat", "/etc/hosts").stdout()).doesNotContain("\tapp");
    }
}
