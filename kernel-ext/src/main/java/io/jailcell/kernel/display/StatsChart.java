package io.jailcell.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A container's CPU and memory over the last seconds as an SVG chart of two panels (CPU % of one core, memory
 * against its limit), with the latest values as text: what {@code %container stats NAME --live SECONDS} redraws.
 *
 * <pre>{@code
 * List<StatsChart.Sample> s = List.of(new StatsChart.Sample(0.5, 12.5, 4 << 20), new StatsChart.Sample(1.0, 50, 5 << 20));
 * View v = StatsChart.of("web", s, 64 << 20, "sampling every 0.5 s");
 * }</pre>
 */
public final class StatsChart {
    private static final int WIDTH = 560;
    private static final int LEFT = 96;
    private static final int PLOT = 440;
    private static final int PANEL = 90;

    /** One reading: seconds since the first, CPU % (100 = one core) over the interval before, memory in use. */
    public record Sample(double seconds, double cpuPercent, long memoryBytes) {
    }

    private StatsChart() {
    }

    /** The chart of {@code samples} (oldest first); {@code memoryLimit} below 0 when unlimited. */
    public static View of(String name, List<Sample> samples, long memoryLimit, String status) {
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        String now = last == null ? "no sample yet" : String.format(Locale.ROOT, "CPU %.1f%%  MEM %s / %s",
                last.cpuPercent(), Html.bytes(last.memoryBytes()), memoryLimit < 0 ? "unlimited"
                        : Html.bytes(memoryLimit));
        Svg s = new Svg(WIDTH);
        s.heading(4, 16, name + "  " + now);
        double t0 = samples.isEmpty() ? 0 : samples.get(0).seconds();
        double span = last == null ? 1 : Math.max(1, last.seconds() - t0);
        double cpuMax = 100;
        long memMax = memoryLimit > 0 ? memoryLimit : 1;
        for (Sample x : samples) {
            cpuMax = Math.max(cpuMax, Math.ceil(x.cpuPercent() / 100) * 100);
            memMax = memoryLimit > 0 ? memoryLimit : Math.max(memMax, x.memoryBytes() + x.memoryBytes() / 4);
        }
        List<double[]> cpu = new ArrayList<>();
        List<double[]> mem = new ArrayList<>();
        for (Sample x : samples) {
            cpu.add(new double[] {(x.seconds() - t0) / span, x.cpuPercent() / cpuMax});
            mem.add(new double[] {(x.seconds() - t0) / span, (double) x.memoryBytes() / memMax});
        }
        String cpuTop = String.format(Locale.ROOT, "%.0f%%", cpuMax);
        panel(s, 30, "CPU", cpuTop, "0%", cpu, "#d62", "cpu");
        panel(s, 30 + PANEL + 30, "MEM", Html.bytes(memMax) + (memoryLimit > 0 ? " (limit)" : ""), "0", mem,
                "#27b", "memory");
        int bottom = 30 + 2 * PANEL + 30;
        s.text(LEFT, bottom + 16, String.format(Locale.ROOT, "the last %.1f s", span), 11);
        s.text(4, bottom + 32, status, 11);
        String text = name + "  " + now + "  (" + samples.size() + " samples over "
                + String.format(Locale.ROOT, "%.1f", last == null ? 0 : last.seconds() - t0) + " s) " + status;
        return new View(text, s.toString());
    }

    private static void panel(Svg s, int top, String title, String maxLabel, String minLabel, List<double[]> points,
                              String colour, String cls) {
        s.text(4, top + 12, title, 12).text(4, top + 26, maxLabel, 10).text(4, top + PANEL, minLabel, 10);
        s.line(LEFT, top, LEFT, top + PANEL, false).line(LEFT, top + PANEL, LEFT + PLOT, top + PANEL, false);
        s.line(LEFT, top, LEFT + PLOT, top, true);
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + xy[0] * PLOT,
                    top + PANEL - Math.min(1, Math.max(0, xy[1])) * PANEL));
        }
        s.raw("<polyline class=\"" + cls + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\""
                + p.toString().strip() + "\"/>");
    }
}
