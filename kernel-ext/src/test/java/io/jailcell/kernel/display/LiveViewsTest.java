package io.jailcell.kernel.display;

import io.jailcell.api.ContainerProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderers of the live views (pull progress, the stats chart) and of {@code %container top}. */
class LiveViewsTest {
    private static final String CONFIG = "sha256:" + "c".repeat(64);
    private static final String LAYER = "sha256:" + "1".repeat(64);
    private static final String BASE = "sha256:" + "0".repeat(64);

    @Test
    void pullProgressHasARowPerBlobInTheOrderTheyStartAndCountsItsEvents() {
        PullProgress p = new PullProgress("127.0.0.1:5000/app:1");
        assertThat(p.version()).isZero();
        p.done(BASE, 2048, true);
        p.started(LAYER, 3 << 20);
        p.progress(LAYER, 1 << 20, 3 << 20);
        p.started(CONFIG, 500);
        assertThat(p.version()).isEqualTo(4);
        View now = p.view(null);
        assertThat(now.text()).isEqualTo("pull 127.0.0.1:5000/app:1\n"
                + "000000000000: Already exists\n"
                + "111111111111: Downloading 1MiB / 3MiB\n"
                + "cccccccccccc: Downloading 0B / 500B");
        assertThat(now.html()).contains("<td style=\"text-align:left\">Downloading</td>")
                .contains("width:66px").contains("width:200px").contains("1MiB / 3MiB");

        p.done(LAYER, 3 << 20, false);
        p.done(CONFIG, 500, false);
        p.label(Map.of(CONFIG, "config", BASE, "layer 1", LAYER, "layer 2", "sha256:gone", "layer 3"));
        View end = p.view("pulled 127.0.0.1:5000/app:1 <done>");
        assertThat(end.text()).isEqualTo("pull 127.0.0.1:5000/app:1\n"
                + "000000000000: Already exists (layer 1)\n"
                + "111111111111: Pull complete (layer 2)\n"
                + "cccccccccccc: Pull complete (config)\n"
                + "pulled 127.0.0.1:5000/app:1 <done>");
        assertThat(end.html()).contains("<pre>pulled 127.0.0.1:5000/app:1 &lt;done&gt;</pre>")
                .doesNotContain("Downloading");
    }

    @Test
    void theStatsChartPlotsCpuAgainstOneCoreAndMemoryAgainstItsLimit() {
        List<StatsChart.Sample> samples = List.of(new StatsChart.Sample(0.5, 0, 16 << 20),
                new StatsChart.Sample(1.0, 50, 32 << 20), new StatsChart.Sample(1.5, 100, 64 << 20));
        View v = StatsChart.of("web", samples, 64 << 20, "ended after 2 s");
        assertThat(v.text()).isEqualTo("web  CPU 100.0%  MEM 64MiB / 64MiB  (3 samples over 1.0 s) ended after 2 s");
        assertThat(v.html()).startsWith("<svg").contains("64MiB (limit)").contains(">100%<")
                .contains("ended after 2 s");
        // x spans the 1 s shown, 96..536 px; y: 0 at the panel's bottom, the maximum at its top
        assertThat(points(v.html(), "cpu")).isEqualTo("96.0,120.0 316.0,75.0 536.0,30.0");
        assertThat(points(v.html(), "memory")).isEqualTo("96.0,217.5 316.0,195.0 536.0,150.0");
    }

    @Test
    void theStatsChartScalesToTheLargestValueWithoutALimit() {
        View v = StatsChart.of("busy", List.of(new StatsChart.Sample(0, 180, 800), new StatsChart.Sample(2, 20,
                1000)), -1, "live");
        assertThat(v.text()).contains("MEM 1000B / unlimited");
        assertThat(v.html()).contains(">200%<").contains(">1.22KiB<");
        assertThat(points(v.html(), "cpu")).isEqualTo("96.0,39.0 536.0,111.0");
    }

    @Test
    void anEmptyChartSaysSo() {
        View v = StatsChart.of("web", List.of(), -1, "live for 5 s");
        assertThat(v.text()).startsWith("web  no sample yet");
        assertThat(points(v.html(), "cpu")).isEmpty();
    }

    @Test
    void theProcessTableListsPidsInsideAndOutside() {
        Table t = Tables.processes(List.of(
                new ContainerProcess(4711, 1, 4700, 100000, 0, "root", 3_723_000_000_000L, 1 << 20, "sleep 300"),
                new ContainerProcess(4712, 7, 4711, 101000, 1000, "1000", 0, 0, "<sh>")));
        assertThat(t.text()).isEqualTo(
                "USER  PID   PID IN CONTAINER  PPID  TIME      RSS   COMMAND\n"
                + "root  4711  1                 4700  01:02:03  1MiB  sleep 300\n"
                + "1000  4712  7                 4711  00:00:00  0B    <sh>");
        assertThat(t.html()).contains("<td style=\"text-align:left\">&lt;sh&gt;</td>");
    }

    private static String points(String svg, String cls) {
        Matcher m = Pattern.compile("<polyline class=\"" + cls + "\"[^>]* points=\"([^\"]*)\"").matcher(svg);
        assertThat(m.find()).as("a %s polyline in %s", cls, svg).isTrue();
        return m.group(1);
    }
}
