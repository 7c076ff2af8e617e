package io.jailcell.kernel.display;

import io.jailcell.api.ContainerInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A container's namespaces next to the host's: one row per kind, green where the container shares the host's
 * namespace (same id), blue where it has its own.
 *
 * <pre>{@code
 * View v = NamespacePicture.of(jc.container("web").inspect());
 * }</pre>
 */
public final class NamespacePicture {
    private NamespacePicture() {
    }

    /** The picture and a text table {@code KIND HOST CONTAINER SHARED}. */
    public static View of(ContainerInfo c) {
        List<String> kinds = new ArrayList<>(c.hostNamespaces().keySet());
        c.namespaces().keySet().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
        Svg s = new Svg(560);
        s.heading(10, 16, "host");
        s.heading(330, 16, "container " + c.name() + " (pid " + c.pid() + ")");
        List<List<String>> rows = new ArrayList<>();
        int y = 26;
        for (String kind : kinds) {
            String host = c.hostNamespaces().get(kind);
            String own = c.namespaces().get(kind);
            boolean shared = own != null && Objects.equals(host, own);
            s.box(10, y, 200, 24, Svg.PLAIN, kind + ":[" + nz(host) + "]", "host " + kind + " namespace");
            s.box(330, y, 220, 24, shared ? Svg.SHARED : Svg.OWN, kind + ":[" + nz(own) + "]",
                    shared ? "shared with the host" : "the container's own");
            s.line(210, y + 12, 330, y + 12, !shared);
            s.text(236, y + 9, shared ? "shared" : "own", 10);
            rows.add(List.of(kind, nz(host), nz(own), shared ? "yes" : "no"));
            y += 30;
        }
        if (c.namespaces().isEmpty()) {
            s.text(330, y + 14, "not running: no namespaces", 12);
        }
        Table t = new Table(List.of("KIND", "HOST", "CONTAINER", "SHARED"), rows);
        return new View(t.text(), s.toString());
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
