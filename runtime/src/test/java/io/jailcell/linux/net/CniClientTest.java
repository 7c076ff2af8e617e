package io.jailcell.linux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CNI client's documents, without running a plugin. */
class CniClientTest {
    static final Cidr SUBNET = Cidr.parse("10.87.3.0/24");

    @Test
    void bridgeNetwork_conflistParsesBack_withPortmapDeclaringItsCapability() throws Exception {
        Conflist c = Conflist.parse(Conflist.bridgeNetwork("web", "jailcell3", SUBNET, "/store/networks/ipam"));
        assertThat(c.name()).isEqualTo("web");
        assertThat(c.cniVersion()).isEqualTo("1.0.0");
        assertThat(c.plugins()).extracting(Conflist.Plugin::type).containsExactly("bridge", "portmap");
        assertThat(c.plugin("portmap").portMappings()).isTrue();
        assertThat(c.plugin("bridge").portMappings()).isFalse();
        assertThat(Conflist.strings(c.plugin("bridge"), "bridge", "subnet", "gateway", "nope"))
                .containsExactly("jailcell3", "10.87.3.0/24", "10.87.3.1", "");
    }

    @Test
    void stdin_addsNameVersionRuntimeConfigAndPrevResult() throws Exception {
        Conflist c = Conflist.parse(Conflist.bridgeNetwork("web", "jailcell3", SUBNET, "/ipam"));
        CniClient.Attachment a = new CniClient.Attachment("abc", "/proc/1/ns/net", "eth0",
                List.of(PortMapping.parse("127.0.0.1:8080:80"), PortMapping.parse("53:53/udp")));
        String portmap = CniClient.stdin(c, c.plugin("portmap"), a, "{\"cniVersion\":\"1.0.0\",\"ips\":[]}");
        assertThat(portmap).contains("\"name\":\"web\"").contains("\"cniVersion\":\"1.0.0\"")
                .contains("\"runtimeConfig\":{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,"
                        + "\"protocol\":\"tcp\",\"hostIP\":\"127.0.0.1\"},{\"hostPort\":53,\"containerPort\":53,"
                        + "\"protocol\":\"udp\"}]}")
                .contains("\"prevResult\":{\"cniVersion\":\"1.0.0\",\"ips\":[]}");
        String bridge = CniClient.stdin(c, c.plugin("bridge"), a, null);
        assertThat(bridge).doesNotContain("runtimeConfig").doesNotContain("prevResult")
                .contains("\"ipam\":{\"type\":\"host-local\"");
    }

    @Test
    void result_findsTheContainersInterfaceTheHostVethAndTheAddress() throws Exception {
        CniResult r = CniResult.parse("{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"jailcell0\",\"mac\":"
                + "\"aa:aa:aa:aa:aa:aa\"},{\"name\":\"veth1234\",\"mac\":\"bb:bb:bb:bb:bb:bb\"},{\"name\":\"eth0\","
                + "\"mac\":\"cc:cc:cc:cc:cc:cc\",\"sandbox\":\"/proc/9/ns/net\"}],\"ips\":[{\"interface\":2,"
                + "\"address\":\"10.87.0.2/24\",\"gateway\":\"10.87.0.1\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"}],"
                + "\"dns\":{}}");
        assertThat(r.containerInterface().mac()).isEqualTo("cc:cc:cc:cc:cc:cc");
        assertThat(r.hostVeth("jailcell0").name()).isEqualTo("veth1234");
        assertThat(r.firstIp()).isEqualTo(new CniResult.Ip(2, "10.87.0.2/24", "10.87.0.1"));
        assertThat(r.routes()).containsExactly("0.0.0.0/0");
    }

    @Test
    void missingPlugin_namesThePackage() {
        assertThatThrownBy(() -> new CniClient(List.of("/nonexistent")).plugin("bridge"))
                .isInstanceOf(NetException.class).hasMessageContaining("containernetworking-plugins");
    }

    @Test
    void cidr_parsesChecksAndOverlaps() {
        assertThat(Cidr.parse("10.89.1.0/24").gateway()).isEqualTo("10.89.1.1");
        assertThat(Cidr.parse("10.89.0.0/16").overlaps(Cidr.parse("10.89.1.0/24"))).isTrue();
        assertThat(Cidr.parse("10.89.2.0/24").overlaps(Cidr.parse("10.89.1.0/24"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.89.1.5/24")).hasMessageContaining("did you mean 10.89.1.0/24");
        assertThatThrownBy(() -> Cidr.parse("10.89.1.0")).hasMessageContaining("CIDR");
        assertThatThrownBy(() -> Cidr.parse("10.289.1.0/24")).hasMessageContaining("invalid IPv4");
    }

    @Test
    void portMapping_parsesDockersForms() {
        assertThat(PortMapping.parse("80")).isEqualTo(new PortMapping("", 0, 80, "tcp"));
        assertThat(PortMapping.parse("8080:80")).isEqualTo(new PortMapping("", 8080, 80, "tcp"));
        assertThat(PortMapping.parse("127.0.0.1:8080:80/udp")).isEqualTo(new PortMapping("127.0.0.1", 8080, 80, "udp"));
        assertThat(PortMapping.parse("127.0.0.1::80")).isEqualTo(new PortMapping("127.0.0.1", 0, 80, "tcp"));
        assertThat(PortMapping.parse(PortMapping.parse("127.0.0.1:8080:80/udp").spec()))
                .isEqualTo(PortMapping.parse("127.0.0.1:8080:80/udp"));
        assertThatThrownBy(() -> PortMapping.parse("80/sctp")).hasMessageContaining("tcp or udp");
        assertThatThrownBy(() -> PortMapping.parse("99999")).hasMessageContaining("1 to 65535");
    }
}
