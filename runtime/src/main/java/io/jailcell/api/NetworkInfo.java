package io.jailcell.api;

import java.util.List;

/**
 * A bridge network and what the kernel shows of it: the Linux bridge, its subnet and gateway (the bridge's own
 * address), the veth ports plugged into the bridge, the containers attached, and the iptables rules jailcell made
 * for it (masquerade, isolation from other networks, forwarding).
 *
 * <pre>{@code
 * NetworkInfo net = jc.createNetwork("backend", "10.89.1.0/24");
 * net.bridge();        // "jailcell1"
 * net.gateway();       // "10.89.1.1"
 * jc.network("backend").bridgePorts();   // ["veth3f2a..."] once a container is attached
 * }</pre>
 *
 * @param conflist the CNI configuration list the plugins run from
 */
public record NetworkInfo(String name, String bridge, String subnet, String gateway, String conflist,
        List<String> bridgePorts, List<String> containers, List<String> rules) {
}
