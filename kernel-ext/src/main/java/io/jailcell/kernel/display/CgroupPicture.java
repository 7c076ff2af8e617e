package io.jailcell.kernel.display;

import io.jailcell.api.CgroupNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cgroup hierarchies jailcell uses as a tree per hierarchy (a v1 controller, or {@code unified} for v2): the
 * host's root, the {@code jailcell} parent and one node per container with its processes; {@code highlight}
 * (a container name, may be null) is drawn in the container colour.
 *
 * <pre>{@code
 * View v = CgroupPicture.of(jc.cgroupTree(), "web");
 * }</pre>
 */
public final class CgroupPicture {
    private CgroupPicture() {
    }

    /** The trees, one after another, and an indented text listing. */
    public static View of(Map<String, CgroupNode> trees, String highlight) {
        Svg s = new Svg(640);
        List<String> text = new ArrayList<>();
        int[] y = {4};
        trees.forEach((hierarchy, root) -> {
            y[0] += 16;
            s.heading(4, y[0], hierarchy);
            text.add(hierarchy);
            y[0] += 8;
            draw(s, text, root, 0, y, highlight);
        });
        if (trees.isEmpty()) {
            s.text(4, 20, "no cgroups: this host gives jailcell none (see %info)", 12);
            text.add("no cgroups");
        }
        return new View(String.join("\n", text), s.toString());
    }

    private static void draw(Svg s, List<String> text, CgroupNode n, int depth, int[] y, String highlight) {
        int x = 8 + depth * 28;
        String label = n.name() + (n.pids().isEmpty() ? "" : "  pids " + join(n.pids()));
        boolean own = n.name().equals(highlight);
        s.box(x, y[0], Math.min(620 - x, 40 + label.length() * 8), 22,
                own ? Svg.OWN : depth == 0 ? Svg.PLAIN : Svg.SHARED, label, n.path());
        text.add("  ".repeat(depth + 1) + label);
        int top = y[0] + 22;
        y[0] += 28;
        for (CgroupNode c : n.children()) {
            int cy = y[0] + 11;
            s.line(x + 10, top, x + 10, cy, false).line(x + 10, cy, x + 28, cy, false);
            draw(s, text, c, depth + 1, y, highlight);
        }
    }

    private static String join(List<Long> pids) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(pids.size(), 6); i++) {
            out.add(Long.toString(pids.get(i)));
        }
        return String.join(",", out) + (pids.size() > 6 ? ",…" : "");
    }
}
