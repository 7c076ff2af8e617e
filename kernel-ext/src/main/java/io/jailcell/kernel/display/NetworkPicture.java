package io.jailcell.kernel.display;

import io.jailcell.api.Endpoint;
import io.jailcell.api.NetworkInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bridge network's topology: the host's bridge with its subnet and gateway, and under it one veth line per
 * attached container, from the host end of the pair (a port of the bridge) to the container's interface and
 * address, with the ports published through it. Ports of the bridge whose container is not known are drawn
 * alone.
 *
 * <pre>{@code
 * NetworkInfo net = jc.network("front");
 * Map<String, Endpoint> byContainer = ...;   // name -> its Endpoint on "front" (ContainerInfo.networks())
 * View v = NetworkPicture.of(net, byContainer);
 * }</pre>
 */
public final class NetworkPicture {
    private static final int MIN_WIDTH = 620;
    /** The advance of a 12 px monospace character, rounded up: boxes grow to hold their labels. */
    private static final double CHAR_WIDTH = 7.3;
    private static final int ROW = 34;
    private static final int BRIDGE_BOTTOM = 54;
    private static final int BOX_X = 290;

    private NetworkPicture() {
    }

    /** The picture and a text table {@code CONTAINER ADDRESS INTERFACE HOST-VETH PUBLISHED}. */
    public static View of(NetworkInfo net, Map<String, Endpoint> byContainer) {
        int width = MIN_WIDTH;
        for (Map.Entry<String, Endpoint> c : byContainer.entrySet()) {
            int text = (int) Math.ceil(CHAR_WIDTH * label(c.getKey(), c.getValue()).length());
            width = Math.max(width, BOX_X + 10 + 12 + text);
        }
        Svg s = new Svg(width);
        s.heading(10, 16, "network " + net.name());
        s.box(10, 26, width - 20, 28, Svg.SHARED, "bridge " + net.bridge() + "  " + net.gateway() + "  (subnet "
                + net.subnet() + ")", "a Linux bridge on the host; its address is every container's gateway");
        List<List<String>> rows = new ArrayList<>();
        List<String> unclaimed = new ArrayList<>(net.bridgePorts());
        int y = 66;
        int i = 0;
        int lines = byContainer.size() + (int) unclaimed.stream()
                .filter(p -> byContainer.values().stream().noneMatch(e -> p.equals(e.hostVeth()))).count();
        int labelX = Math.max(92, 20 + 8 * lines + 8);
        for (Map.Entry<String, Endpoint> c : byContainer.entrySet()) {
            Endpoint e = c.getValue();
            unclaimed.remove(e.hostVeth());
            // each veth is its own port of the bridge: its own line down from the bridge to its container, the
            // top row's furthest right so that no lines cross
            int x = 20 + 8 * (lines - 1 - i++);
            s.line(x, BRIDGE_BOTTOM, x, y + 12, false);
            s.line(x, y + 12, BOX_X, y + 12, false);
            s.text(labelX, y + 8, nz(e.hostVeth()) + " = " + nz(e.ifname()) + " (veth pair)", 10);
            s.box(BOX_X, y, width - BOX_X - 10, 24, Svg.OWN, label(c.getKey(), e),
                    "container " + c.getKey() + ", mac " + nz(e.mac()) + ", gateway " + nz(e.gateway()));
            rows.add(List.of(c.getKey(), nz(e.address()), nz(e.ifname()), nz(e.hostVeth()),
                    e.ports().isEmpty() ? "-" : String.join(" ", e.ports())));
            y += ROW;
        }
        for (String port : unclaimed) {
            int x = 20 + 8 * (lines - 1 - i++);
            s.line(x, BRIDGE_BOTTOM, x, y + 12, true);
            s.text(x + 8, y + 16, port + "  (a port of " + net.bridge() + ")", 10);
            rows.add(List.of("-", "-", "-", port, "-"));
            y += 26;
        }
        if (byContainer.isEmpty()) {
            s.text(20, y + 18, net.containers().isEmpty() ? "no containers attached"
                    : "containers: " + String.join(" ", net.containers()), 12);
        }
        Table t = new Table(List.of("CONTAINER", "ADDRESS", "INTERFACE", "HOST-VETH", "PUBLISHED"), rows);
        String title = "network " + net.name() + ": bridge " + net.bridge() + ", subnet " + net.subnet()
                + ", gateway " + net.gateway();
        return new View(title + "\n" + t.text(), s.toString());
    }

    private static String label(String container, Endpoint e) {
        return container + "  " + nz(e.ifname()) + " " + nz(e.address())
                + (e.ports().isEmpty() ? "" : "  " + String.join(" ", e.ports()));
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
