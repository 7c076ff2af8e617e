package io.jailcell.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;

import java.util.List;

/**
 * A table: an HTML {@code <table>} for the notebook and aligned columns as plain text.
 *
 * <pre>{@code
 * Table t = new Table(List.of("NAME", "SIZE"), List.of(List.of("busybox:latest", "1.2MiB")));
 * t.text();   // "NAME            SIZE\nbusybox:latest  1.2MiB"
 * }</pre>
 */
public record Table(List<String> headers, List<List<String>> rows) implements DisplayDataRenderable {

    /** Columns padded to their widest cell, two spaces apart. */
    public String text() {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], cell(r, i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, headers, w);
        for (List<String> r : rows) {
            b.append('\n');
            line(b, r, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = cell(cells, i);
            l.append(c);
            if (i < w.length - 1) {
                l.append(" ".repeat(w[i] - c.length() + 2));
            }
        }
        b.append(l.toString().stripTrailing());
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    /** A {@code <table class="jailcell">} with a header row. */
    public String html() {
        StringBuilder b = new StringBuilder("<table class=\"jailcell\"><thead><tr>");
        headers.forEach(h -> b.append("<th style=\"text-align:left\">").append(Html.escape(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (int i = 0; i < headers.size(); i++) {
                b.append("<td style=\"text-align:left\">").append(Html.escape(cell(r, i))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    @Override
    public void render(RenderContext context) {
        context.getOutputContainer().putText(text());
        context.getOutputContainer().putHTML(html());
    }
}
