package io.jailcell.linux.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A published port: {@code -p [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp]}, done by the CNI portmap plugin.
 *
 * @param hostIp        the host address it listens on; empty for every address
 * @param hostPort      the host port; 0 until a free one is chosen at start
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp} or {@code udp}
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {
    public PortMapping {
        hostIp = hostIp == null ? "" : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }

    /** Parses docker's {@code -p} syntax: {@code 80}, {@code 8080:80}, {@code 127.0.0.1:8080:80/udp}, {@code 127.0.0.1::80}. */
    public static PortMapping parse(String spec) {
        String s = spec;
        String protocol = "tcp";
        int slash = s.indexOf('/');
        if (slash >= 0) {
            protocol = s.substring(slash + 1);
            s = s.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new IllegalArgumentException("invalid protocol '" + protocol + "' in -p " + spec
                        + ": use tcp or udp");
            }
        }
        int last = s.lastIndexOf(':');
        String container = s.substring(last + 1);
        String rest = last < 0 ? null : s.substring(0, last);
        String hostIp = "";
        String hostPort = "";
        if (rest != null) {
            int first = rest.lastIndexOf(':');
            if (first < 0) {
                hostPort = rest;
            } else {
                hostIp = rest.substring(0, first);
                hostPort = rest.substring(first + 1);
                Cidr.address(hostIp); // checks it
            }
        }
        return new PortMapping(hostIp, hostPort.isEmpty() ? 0 : port(hostPort, spec), port(container, spec), protocol);
    }

    private static int port(String text, String spec) {
        int p;
        try {
            p = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("invalid port '" + text + "' in -p " + spec + ": use "
                    + "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/udp] with ports 1 to 65535");
        }
        return p;
    }

    /** The same mapping on {@code port} of the host. */
    public PortMapping withHostPort(int port) {
        return new PortMapping(hostIp, port, containerPort, protocol);
    }

    /**
     * Checks that the host port is free by binding it for a moment (portmap only rewrites packets, so a host
     * program on the port would be silently shadowed); with port 0 the kernel picks a free one, which is returned.
     */
    public PortMapping reserve() {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(hostIp.isEmpty() ? "0.0.0.0" : hostIp);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid host address " + hostIp + " in port mapping " + this);
        }
        try {
            if (protocol.equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(addr, hostPort))) {
                    return withHostPort(s.getLocalPort());
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(addr, hostPort));
                return withHostPort(s.getLocalPort());
            }
        } catch (IOException e) {
            throw new NetException(NetException.Reason.CONFLICT, "cannot publish port " + this + ": the host port " + hostPort + "/"
                    + protocol + " is already in use (" + e.getMessage() + "); choose another host port, or "
                    + "-p " + containerPort + " for a free one");
        }
    }

    /** {@code 127.0.0.1:8080->80/tcp}, as docker ps shows it. */
    @Override
    public String toString() {
        return (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }

    /** Back in {@code -p} form, which {@link #parse} reads: {@code [HOST_IP:]HOST_PORT:CONTAINER_PORT/PROTOCOL}. */
    public String spec() {
        return (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + ":" + containerPort + "/" + protocol;
    }
}
