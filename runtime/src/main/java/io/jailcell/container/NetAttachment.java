package io.jailcell.container;

import io.jailcell.linux.net.PortMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's attachment to a network, as recorded in its state file: what cleanup needs to detach it (the
 * network, interface and published ports for CNI DEL) and what inspection shows.
 *
 * @param address the container's address with prefix, e.g. {@code 10.87.0.2/24}; empty while attaching
 * @param hostVeth the host end of its veth pair, a port of {@code bridge}
 */
public record NetAttachment(String network, String ifname, String address, String gateway, String mac,
        String hostVeth, String bridge, List<PortMapping> ports) {
    public NetAttachment {
        ports = List.copyOf(ports);
    }

    /** The address without its prefix length, or empty. */
    public String ip() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** One line: the fields joined by {@code |}, the ports in {@code -p} form joined by {@code ,}. */
    String encode() {
        StringBuilder ports = new StringBuilder();
        for (PortMapping p : this.ports) {
            ports.append(ports.length() == 0 ? "" : ",").append(p.spec());
        }
        return network + "|" + ifname + "|" + address + "|" + gateway + "|" + mac + "|" + hostVeth + "|" + bridge
                + "|" + ports;
    }

    static NetAttachment decode(String line) {
        String[] f = line.split("\\|", -1);
        List<PortMapping> ports = new ArrayList<>();
        if (f.length > 7 && !f[7].isEmpty()) {
            for (String p : f[7].split(",")) {
                ports.add(PortMapping.parse(p));
            }
        }
        return new NetAttachment(f[0], f[1], f[2], f[3], f[4], f[5], f[6], ports);
    }
}
