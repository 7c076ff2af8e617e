package io.jailcell.api;

import java.util.List;

/**
 * A container's attachment to a network: its interface and address inside, its gateway, and the host end of its
 * veth pair on the network's bridge, with the ports published through it.
 *
 * <pre>{@code
 * Endpoint e = jc.container("web").inspect().networks().get(0);
 * e.address();    // "10.87.0.2/24"
 * e.hostVeth();   // "veth1c0ffee2", a port of e.bridge()
 * e.ports();      // ["127.0.0.1:18080->80/tcp"]
 * }</pre>
 */
public record Endpoint(String network, String ifname, String address, String gateway, String mac, String hostVeth,
        String bridge, List<String> ports) {

    /** The address without its prefix length. */
    public String ip() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
