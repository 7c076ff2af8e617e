package io.jailcell.linux.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's IPv4 routes from {@code /proc/net/route}: what a new network's subnet must not overlap. */
public final class HostRoutes {
    /** One route: its destination subnet and the interface it leaves by. */
    public record Route(Cidr destination, String device) {
    }

    private HostRoutes() {
    }

    /** Every route but the default one (a default route overlaps everything and is not a conflict). */
    public static List<Route> list() {
        List<Route> routes = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/route"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host's routes from /proc/net/route: " + e.getMessage(), e);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            // Little-endian hex: 0000580A is 10.88.0.0.
            long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFFFFFFL;
            long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFFFFFFL;
            int prefix = Long.bitCount(mask);
            if (prefix > 0) {
                routes.add(new Route(new Cidr(dest, prefix), f[0]));
            }
        }
        return routes;
    }
}
