package io.jailcell.kernel.display;

import io.jailcell.api.TransferListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one pull as docker shows it, one row per blob in the order they start: {@code Downloading} with the
 * bytes so far and a bar, {@code Pull complete}, or {@code Already exists}; rendered as a table with bars and as
 * docker's text lines. Fed by the registry client's transfer threads; {@link #version()} counts the events, so
 * that a watcher redraws only on change.
 *
 * <pre>{@code
 * PullProgress p = new PullProgress("127.0.0.1:5000/app:1");
 * jc.images().pull(ref, RegistryOptions.defaults().listener(p));
 * View v = p.view("pulled 127.0.0.1:5000/app:1");
 * }</pre>
 */
public final class PullProgress implements TransferListener {
    private static final int BAR = 200;

    private final String ref;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private long version;

    private static final class Row {
        String label = "";
        long done;
        long size;
        String state = "Waiting";
    }

    public PullProgress(String ref) {
        this.ref = ref;
    }

    /** How many events have come so far. */
    public synchronized long version() {
        return version;
    }

    @Override
    public void started(String digest, long size) {
        update(digest, size, 0, "Downloading");
    }

    @Override
    public void progress(String digest, long done, long size) {
        update(digest, size, done, "Downloading");
    }

    @Override
    public void done(String digest, long size, boolean skipped) {
        update(digest, size, size, skipped ? "Already exists" : "Pull complete");
    }

    private synchronized void update(String digest, long size, long done, String state) {
        Row r = rows.computeIfAbsent(digest, d -> new Row());
        r.size = size;
        r.done = Math.max(r.done, done);
        r.state = state;
        version++;
    }

    /** Names the rows once the image is known: {@code config}, {@code layer 1}... (digest to label). */
    public synchronized void label(Map<String, String> labels) {
        labels.forEach((digest, label) -> {
            Row r = rows.get(digest);
            if (r != null) {
                r.label = label;
            }
        });
    }

    /** The rows as they are now, and {@code outcome} (may be null) below them. */
    public synchronized View view(String outcome) {
        List<String> text = new ArrayList<>();
        text.add("pull " + ref);
        StringBuilder h = new StringBuilder("<div class=\"jailcell-pull\"><b>pull ").append(Html.escape(ref))
                .append("</b><table class=\"jailcell\"><thead><tr><th style=\"text-align:left\">BLOB</th>"
                        + "<th style=\"text-align:left\">WHAT</th><th style=\"text-align:left\">STATE</th>"
                        + "<th style=\"text-align:left\">PROGRESS</th><th style=\"text-align:left\">SIZE</th>"
                        + "</tr></thead><tbody>");
        rows.forEach((digest, r) -> {
            String shortDigest = digest.startsWith("sha256:") && digest.length() >= 19 ? digest.substring(7, 19)
                    : digest;
            String amount = r.state.equals("Downloading") ? Html.bytes(r.done) + " / " + Html.bytes(r.size)
                    : Html.bytes(r.size);
            text.add(shortDigest + ": " + r.state + (r.state.equals("Downloading") ? " " + amount : "")
                    + (r.label.isEmpty() ? "" : " (" + r.label + ")"));
            int filled = r.size <= 0 ? BAR : (int) (BAR * Math.min(r.done, r.size) / r.size);
            h.append("<tr><td style=\"text-align:left\"><code>").append(shortDigest).append("</code></td>")
                    .append("<td style=\"text-align:left\">").append(Html.escape(r.label)).append("</td>")
                    .append("<td style=\"text-align:left\">").append(Html.escape(r.state)).append("</td>")
                    .append("<td style=\"text-align:left\"><div style=\"width:").append(BAR)
                    .append("px;height:8px;background:#eee\"><div style=\"width:").append(filled)
                    .append("px;height:8px;background:").append(r.state.equals("Already exists") ? "#9bd" : "#4a8")
                    .append("\"></div></div></td><td style=\"text-align:left\">").append(Html.escape(amount))
                    .append("</td></tr>");
        });
        h.append("</tbody></table>");
        if (outcome != null) {
            text.add(outcome);
            h.append("<pre>").append(Html.escape(outcome)).append("</pre>");
        }
        return new View(String.join("\n", text), h.append("</div>").toString());
    }
}
