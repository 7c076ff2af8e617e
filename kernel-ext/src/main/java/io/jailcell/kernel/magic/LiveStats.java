package io.jailcell.kernel.magic;

import io.jailcell.api.Container;
import io.jailcell.api.ContainerStats;
import io.jailcell.kernel.display.StatsChart;
import io.jailcell.kernel.display.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code %container stats NAME --live SECONDS}: samples the container's cgroup every half second and redraws a
 * chart of CPU % and memory in place, until the seconds are up, the container exits, or the cell is interrupted.
 *
 * <pre>{@code
 * new LiveStats(ctx, jc.container("web"), 10).run();
 * }</pre>
 */
final class LiveStats {
    static final long INTERVAL_MILLIS = 500;
    /** The chart keeps the last minute. */
    private static final int KEEP = 120;

    private final MagicContext ctx;
    private final Container container;
    private final double seconds;

    LiveStats(MagicContext ctx, Container container, double seconds) {
        this.ctx = ctx;
        this.container = container;
        this.seconds = seconds;
    }

    /** Runs until the end; the last chart stays in the cell with why it ended. */
    void run() {
        String name = container.name();
        if (!container.isRunning()) {
            throw new MagicError("container " + name + " is not running: there is nothing to watch (start it with "
                    + "%container run -d ...)");
        }
        LiveDisplay live = new LiveDisplay(ctx);
        List<StatsChart.Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        ContainerStats before = container.stats();
        long beforeAt = start;
        long limit = before.memoryLimit();
        String status = String.format(Locale.ROOT, "live for %.0f s, every %.1f s", seconds,
                INTERVAL_MILLIS / 1000.0);
        live.show(View.data(StatsChart.of(name, samples, limit, status)));
        String end;
        for (;;) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                end = "interrupted";
                break;
            }
            ContainerStats now;
            long at = System.nanoTime();
            try {
                now = container.stats();
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    end = "interrupted";
                    break;
                }
                throw e;
            }
            if (!container.isRunning()) {
                end = "the container exited";
                break;
            }
            double cpu = ContainerStats.cpuPercent(before, now, at - beforeAt);
            samples.add(new StatsChart.Sample((at - start) / 1e9, cpu, now.memoryUsage()));
            if (samples.size() > KEEP) {
                samples.remove(0);
            }
            before = now;
            beforeAt = at;
            limit = now.memoryLimit();
            if ((at - start) / 1e9 >= seconds) {
                end = String.format(Locale.ROOT, "ended after %.0f s", seconds);
                break;
            }
            live.show(View.data(StatsChart.of(name, samples, limit, status)));
        }
        live.show(View.data(StatsChart.of(name, samples, limit, end)));
    }
}
