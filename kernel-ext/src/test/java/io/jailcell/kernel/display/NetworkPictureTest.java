package io.jailcell.kernel.display;

import io.jailcell.api.Endpoint;
import io.jailcell.api.NetworkInfo;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPictureTest {
    static final NetworkInfo FRONT = new NetworkInfo("front", "jailcell1", "10.89.7.0/24", "10.89.7.1",
            "/s/networks/front.conflist", List.of("vethaaaa", "vethbbbb", "vethstray"), List.of("web1", "web2"),
            List.of("-t nat -A POSTROUTING -s 10.89.7.0/24 ! -o jailcell1 -j MASQUERADE"));

    static Endpoint endpoint(String address, String veth, List<String> ports) {
        return new Endpoint("front", "eth0", address, "10.89.7.1", "02:00:00:00:00:01", veth, "jailcell1", ports);
    }

    @Test
    void theBridgeWithAVethLinePerContainer_addressesAndPublishedPorts() {
        Map<String, Endpoint> byContainer = new LinkedHashMap<>();
        byContainer.put("web1", endpoint("10.89.7.2/24", "vethaaaa", List.of("127.0.0.1:18080->80/tcp")));
        byContainer.put("web2", endpoint("10.89.7.3/24", "vethbbbb", List.of()));
        View v = NetworkPicture.of(FRONT, byContainer);

        assertThat(v.text()).isEqualTo("network front: bridge jailcell1, subnet 10.89.7.0/24, gateway 10.89.7.1\n"
                + "CONTAINER  ADDRESS       INTERFACE  HOST-VETH  PUBLISHED\n"
                + "web1       10.89.7.2/24  eth0       vethaaaa   127.0.0.1:18080->80/tcp\n"
                + "web2       10.89.7.3/24  eth0       vethbbbb   -\n"
                + "-          -             -          vethstray  -");
        assertThat(v.html()).startsWith("<svg").endsWith("</svg>")
                .contains("bridge jailcell1  10.89.7.1  (subnet 10.89.7.0/24)")
                .contains("web1  eth0 10.89.7.2/24  127.0.0.1:18080-&gt;80/tcp")
                .contains("web2  eth0 10.89.7.3/24<")
                .contains("vethaaaa = eth0 (veth pair)")
                .contains("vethstray  (a port of jailcell1)")
                .contains("<title>container web1, mac 02:00:00:00:00:01, gateway 10.89.7.1</title>")
                .contains("fill=\"" + Svg.SHARED + "\"").contains("fill=\"" + Svg.OWN + "\"");
    }

    @Test
    void aLongLabel_widensThePicture_soThatItsBoxHoldsIt() {
        Map<String, Endpoint> byContainer = new LinkedHashMap<>();
        byContainer.put("web1", endpoint("10.89.7.2/24", "vethaaaa", List.of()));
        assertThat(NetworkPicture.of(FRONT, byContainer).html()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"620\"");

        byContainer.put("a-container-with-a-long-name", endpoint("10.89.7.3/24", "vethbbbb",
                List.of("127.0.0.1:38137->80/tcp", "127.0.0.1:38138->443/tcp")));
        String label = "a-container-with-a-long-name  eth0 10.89.7.3/24  127.0.0.1:38137->80/tcp 127.0.0.1:38138->443/tcp";
        String svg = NetworkPicture.of(FRONT, byContainer).html();
        int width = Integer.parseInt(svg.replaceAll("(?s)^<svg[^>]* width=\"(\\d+)\".*", "$1"));
        assertThat(width).isGreaterThanOrEqualTo(290 + (int) (7.2 * label.length()));
        assertThat(svg).contains("<rect x=\"290\" y=\"100\" width=\"" + (width - 300) + "\"");
    }

    @Test
    void withoutEndpoints_namesTheContainers_andAnEmptyNetworkSaysSo() {
        NetworkInfo bare = new NetworkInfo("back", "jailcell2", "10.89.8.0/24", "10.89.8.1", "/c", List.of(),
                List.of(), List.of());
        assertThat(NetworkPicture.of(bare, Map.of()).html()).contains("no containers attached");
        NetworkInfo used = new NetworkInfo("back", "jailcell2", "10.89.8.0/24", "10.89.8.1", "/c", List.of(),
                List.of("db", "app"), List.of());
        assertThat(NetworkPicture.of(used, Map.of()).html()).contains("containers: db app");
    }

    @Test
    void aNetworkValueAndAListOfThemRender() {
        assertThat(View.data(Displays.viewOf(List.of(FRONT)))
                .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN))
                .isEqualTo("NAME   BRIDGE     SUBNET        GATEWAY    CONTAINERS\n"
                        + "front  jailcell1  10.89.7.0/24  10.89.7.1  web1 web2");
    }
}
