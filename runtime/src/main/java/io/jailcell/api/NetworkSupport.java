package io.jailcell.api;

import io.jailcell.container.ContainerEngine;
import io.jailcell.container.NetworkOps;
import io.jailcell.container.Networks;
import io.jailcell.linux.net.NetException;
import io.jailcell.linux.net.PortMapping;
import java.util.List;

/** Checks a spec's network options and maps the network layer's types and errors to the API's. */
final class NetworkSupport {
    private NetworkSupport() {
    }

    /** The network a CNI mode names ({@code bridge} is the default network); it must exist. */
    static String check(ContainerEngine engine, String mode) {
        String name = Networks.resolveName(mode);
        if (!name.equals(Networks.DEFAULT) && !exists(engine, name)) {
            throw notFound(mode);
        }
        return name;
    }

    private static boolean exists(ContainerEngine engine, String name) {
        for (Networks.Def d : engine.networkOps().list()) {
            if (d.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static NotFoundException notFound(String mode) {
        return new NotFoundException("network " + mode + " not found: use none, host, bridge, container:NAME or a "
                + "network made with jailcell network create " + mode);
    }

    /** Published ports need a network with NAT; each spec and {@code --add-host} must parse. */
    static void checkPorts(String network, List<String> ports, List<String> extraHosts, boolean rootless) {
        if (!ports.isEmpty() && !Networks.isCni(network)) {
            throw new InvalidSpecException("published ports (-p) need a bridge network, not --network " + network
                    + ": use --network bridge or a network of your own");
        }
        if (!ports.isEmpty() && rootless) {
            throw new MissingFeatureException("published ports (-p) need root in this version: a rootless network "
                    + "lives in jailcell's own network namespace; reach the container from another one on its "
                    + "network, or run as root");
        }
        for (String p : ports) {
            try {
                PortMapping.parse(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(e.getMessage());
            }
        }
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            if (colon <= 0 || colon == h.length() - 1) {
                throw new InvalidSpecException("invalid --add-host '" + h + "': use NAME:IP, e.g. db:10.87.0.5");
            }
        }
    }

    static NetworkInfo info(NetworkOps.View v) {
        Networks.Def d = v.def();
        return new NetworkInfo(d.name(), d.bridge(), d.subnet().toString(), d.gateway(), d.file().toString(),
                v.bridgePorts(), v.containers(), v.rules());
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof NetException n) {
            return switch (n.reason()) {
                case CONFLICT -> new ConflictException(n.getMessage());
                case MISSING_FEATURE -> new MissingFeatureException(n.getMessage());
                case FAILED -> new JailcellException(n.getMessage(), 125, n);
            };
        }
        return Errors.of(e);
    }
}
