package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.linux.PlainName;
import io.jailcell.linux.net.Cidr;
import io.jailcell.linux.net.Conflist;
import io.jailcell.linux.net.HostRoutes;
import io.jailcell.linux.net.Links;
import io.jailcell.linux.net.NetSpace;
import io.jailcell.linux.net.NetworkRules;
import io.jailcell.store.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store's networks: one CNI conflist per network ({@code ROOT/networks/NAME.conflist}) and the host-local
 * address leases under {@code ROOT/networks/ipam/NAME}, so every store (and every test's store) has its own.
 * The default network {@code jailcell} ({@code --network bridge}) is made on first use.
 */
public final class Networks {
    /** The default bridge network's name. */
    public static final String DEFAULT = "jailcell";
    private static final String BRIDGE_PREFIX = "jailcell";

    /** A network: its conflist and the bridge, subnet and gateway read from it. */
    public record Def(String name, String bridge, Cidr subnet, String gateway, Path file, Conflist conflist) {
    }

    private final Path dir;

    public Networks(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code mode} ({@code --network}) names a CNI network rather than none, host or container:X. */
    public static boolean isCni(String mode) {
        return mode != null && !mode.equals("none") && !mode.equals("host") && !mode.startsWith("container:");
    }

    /** {@code bridge} and {@code jailcell} name the default network. */
    public static String resolveName(String mode) {
        return mode.equals("bridge") || mode.equals("default") ? DEFAULT : mode;
    }

    public Path ipamDir() {
        return dir.resolve("ipam");
    }

    /**
     * Creates a bridge network. Without {@code subnet} the first free {@code 10.87.N.0/24} is taken; a given one
     * must not overlap the host's routes or another network of this store.
     */
    public Def create(String name, String subnet) {
        if (!PlainName.matches(name) || name.equals("none") || name.equals("host") || name.equals("bridge")) {
            throw new ContainerException(Kind.INVALID, "invalid network name '" + name + "': use [a-zA-Z0-9][a-zA-Z0-9_.-]"
                    + " other than none, host and bridge");
        }
        if (Files.exists(file(name))) {
            throw new ContainerException(Kind.CONFLICT, "network with name " + name + " already exists (jailcell "
                    + "network rm " + name + " removes it)");
        }
        List<Def> existing = list();
        Cidr net;
        try {
            net = subnet == null || subnet.isEmpty() ? freeSubnet(existing) : Cidr.parse(subnet);
        } catch (IllegalArgumentException e) {
            throw new ContainerException(Kind.INVALID, e.getMessage());
        }
        checkOverlap(net, existing);
        String bridge = freeBridge(existing);
        String json = Conflist.bridgeNetwork(name, bridge, net, ipamDir().toString());
        try {
            Files.createDirectories(ipamDir());
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
            Files.writeString(tmp, json);
            try {
                Files.createLink(file(name), tmp); // atomic, and fails when another process made it first
            } finally {
                Files.delete(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ContainerException(Kind.CONFLICT, "network with name " + name + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name) + ": " + e.getMessage(), e);
        }
        return get(name);
    }

    /** The network {@code name}; {@code bridge} and the default's name make the default network if needed. */
    public Def get(String name) {
        String n = resolveName(name);
        try {
            return read(n, Files.readString(file(n)));
        } catch (NoSuchFileException e) {
            if (n.equals(DEFAULT)) {
                try {
                    return create(DEFAULT, null);
                } catch (ContainerException conflict) {
                    if (conflict.kind() == Kind.CONFLICT && Files.exists(file(n))) {
                        return get(n); // made by another process meanwhile
                    }
                    throw conflict;
                }
            }
            throw new ContainerException(Kind.NOT_FOUND, "network " + name + " not found: jailcell network ls "
                    + "lists them; make it with jailcell network create " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(n) + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String name) {
        return Files.exists(file(resolveName(name)));
    }

    /** Every network of this store, by name. */
    public List<Def> list() {
        List<Def> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String fn = f.getFileName().toString();
                if (fn.endsWith(".conflist")) {
                    all.add(read(fn.substring(0, fn.length() - ".conflist".length()), Files.readString(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /**
     * Removes a network no container is attached to: its iptables rules, its bridge, its leases, its conflist.
     *
     * @param users the containers (running or not) configured to use it
     * @param space where its bridge and rules are; null when nowhere (a rootless store whose holder is not running)
     */
    public void remove(String name, List<String> users, NetSpace space) {
        Def d = get(name);
        if (!users.isEmpty()) {
            throw new ContainerException(Kind.CONFLICT, "network " + d.name() + " is used by container(s) "
                    + String.join(", ", users) + ": remove them first (jailcell rm -f)");
        }
        if (space != null) {
            NetworkRules.remove(space, d.bridge(), d.subnet());
            Links.delete(space, d.bridge());
        }
        Trees.delete(ipamDir().resolve(d.name()));
        try {
            Files.deleteIfExists(d.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes sure the network's bridge-level rules exist; cheap when its bridge is already up. */
    public void ensureRules(Def d, NetSpace space) {
        if (!Links.exists(space, d.bridge())) {
            NetworkRules.ensure(space, d.bridge(), d.subnet());
        }
    }

    /** Drops every address lease of every network: after the rootless holder died, none of them is held. */
    void dropLeases() {
        for (Def d : list()) {
            Trees.delete(ipamDir().resolve(d.name()));
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".conflist");
    }

    private Def read(String name, String json) throws IOException {
        Conflist c = Conflist.parse(json);
        Conflist.Plugin bridge = c.plugin("bridge");
        if (bridge == null) {
            throw new ContainerException(Kind.INVALID, "network " + name + " (" + file(name) + ") has no bridge "
                    + "plugin; jailcell makes only bridge networks");
        }
        String[] v = Conflist.strings(bridge, "bridge", "subnet", "gateway");
        Cidr subnet = Cidr.parse(v[1]);
        return new Def(c.name(), v[0], subnet, v[2].isEmpty() ? subnet.gateway() : v[2], file(name), c);
    }

    private static void checkOverlap(Cidr net, List<Def> existing) {
        for (Def d : existing) {
            if (d.subnet().overlaps(net)) {
                throw new ContainerException(Kind.CONFLICT, "subnet " + net + " overlaps network " + d.name() + " ("
                        + d.subnet() + "); choose another --subnet");
            }
        }
        for (HostRoutes.Route r : HostRoutes.list()) {
            if (r.destination().overlaps(net)) {
                throw new ContainerException(Kind.CONFLICT, "subnet " + net + " overlaps the host's route to "
                        + r.destination() + " on " + r.device() + "; choose another --subnet");
            }
        }
    }

    private static Cidr freeSubnet(List<Def> existing) {
        List<HostRoutes.Route> routes = HostRoutes.list();
        for (int n = 0; n < 256; n++) {
            Cidr c = new Cidr(Cidr.address("10.87." + n + ".0"), 24);
            boolean free = true;
            for (Def d : existing) {
                free &= !d.subnet().overlaps(c);
            }
            for (HostRoutes.Route r : routes) {
                free &= !r.destination().overlaps(c);
            }
            if (free) {
                return c;
            }
        }
        throw new ContainerException(Kind.CONFLICT, "no free subnet left in 10.87.0.0/16; give one with --subnet");
    }

    private static String freeBridge(List<Def> existing) {
        for (int n = 0; ; n++) {
            String name = BRIDGE_PREFIX + n;
            boolean used = Links.exists(name);
            for (Def d : existing) {
                used |= d.bridge().equals(name);
            }
            if (!used) {
                return name;
            }
        }
    }
}
