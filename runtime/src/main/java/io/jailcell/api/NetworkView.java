package io.jailcell.api;

import java.util.List;

/**
 * A running container's network as the kernel shows it, for drawing a topology: its endpoints, the addresses and
 * routes inside its network namespace ({@code ip -br addr}, {@code ip route} run there), and the NAT rules the
 * portmap plugin made for its published ports.
 *
 * <pre>{@code
 * NetworkView v = jc.container("web").network();
 * v.addresses();   // ["lo UNKNOWN 127.0.0.1/8 ::1/128", "eth0@if12 UP 10.87.0.2/24 ..."]
 * v.routes();      // ["default via 10.87.0.1 dev eth0", "10.87.0.0/24 dev eth0 ..."]
 * }</pre>
 */
public record NetworkView(List<Endpoint> endpoints, List<String> addresses, List<String> routes,
        List<String> natRules) {
}
