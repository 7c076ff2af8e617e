package io.jailcell.kernel.magic;

import io.jailcell.api.BuildListener;
import io.jailcell.kernel.display.Html;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;

/**
 * A build's progress as one display that updates in place: a bar of steps done, and one line per step with
 * {@code CACHED} for cache hits and the time each took. RUN output streams into the cell below it.
 *
 * <pre>{@code
 * BuildProgressView p = new BuildProgressView(ctx, "localhost/app:1");
 * jc.images().build(BuildRequest.of(dir).dockerfile(text).listener(p));
 * p.done(result);
 * }</pre>
 */
public final class BuildProgressView implements BuildListener {
    private final MagicContext ctx;
    private final String tag;
    private final List<String> lines = new ArrayList<>();
    private final LiveDisplay live;
    private int step;
    private int total;
    private int done;

    public BuildProgressView(MagicContext ctx, String tag) {
        this.ctx = ctx;
        this.tag = tag;
        this.live = new LiveDisplay(ctx);
    }

    @Override
    public synchronized void step(int n, int total, String text) {
        this.step = n;
        this.total = total;
        lines.add("STEP " + n + "/" + total + ": " + text);
        show(null);
    }

    @Override
    public synchronized void cached() {
        append(" CACHED");
    }

    @Override
    public void output(String text) {
        ctx.out().print(text);
    }

    @Override
    public synchronized void stepDone(long millis, String layerDigest, long layerBytes) {
        done = step;
        append(String.format(" (%.1fs%s)", millis / 1000.0, layerDigest == null ? "" : ", " + Html.bytes(layerBytes)));
    }

    /** The last line: the outcome. */
    public synchronized void finish(String outcome) {
        done = total;
        show(outcome);
    }

    private void append(String s) {
        if (!lines.isEmpty()) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + s);
        }
        show(null);
    }

    /** The display data as it is now. */
    public synchronized DisplayData data(String outcome) {
        List<String> all = new ArrayList<>(lines);
        if (outcome != null) {
            all.add(outcome);
        }
        DisplayData d = new DisplayData(String.join("\n", all));
        int pct = total == 0 ? 0 : 100 * done / total;
        StringBuilder h = new StringBuilder("<div class=\"jailcell-build\"><b>build ").append(Html.escape(tag))
                .append("</b> ").append(done).append('/').append(total)
                .append("<div style=\"width:400px;height:8px;background:#eee\"><div style=\"width:")
                .append(pct * 4).append("px;height:8px;background:#4a8\"></div></div><pre>");
        all.forEach(l -> h.append(Html.escape(l)).append('\n'));
        d.putHTML(h.append("</pre></div>").toString());
        return d;
    }

    private void show(String outcome) {
        live.show(data(outcome));
    }
}
