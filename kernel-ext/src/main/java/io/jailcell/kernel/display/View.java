package io.jailcell.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;

import java.util.List;

/**
 * Something to show in a cell, as {@code text/html} for the notebook and {@code text/plain} for terminals and
 * {@code nbconvert --to script}. A magic returns one; the kernel renders it as the cell's result.
 *
 * <pre>{@code
 * View v = View.of(new Table(List.of("name"), List.of(List.of("web"))), LayerStack.of(image));
 * v.html();   // the table, then the SVG picture
 * }</pre>
 */
public record View(String text, String html) implements DisplayDataRenderable {

    /** The views one after another. */
    public static View of(DisplayDataRenderable... parts) {
        StringBuilder t = new StringBuilder();
        StringBuilder h = new StringBuilder();
        for (DisplayDataRenderable p : parts) {
            DisplayData d = data(p);
            Object text = d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
            Object html = d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
            if (text != null) {
                t.append(t.length() == 0 ? "" : "\n").append(text);
            }
            if (html != null) {
                h.append(html);
            }
        }
        return new View(t.toString(), h.toString());
    }

    /** The display data of {@code r} (text/plain and text/html). */
    public static DisplayData data(DisplayDataRenderable r) {
        DisplayData d = new DisplayData();
        r.render(new RenderContext(null, null, java.util.Map.of(), d));
        return d;
    }

    /** A heading line above {@code body}. */
    public static View titled(String title, DisplayDataRenderable body) {
        return of(new View(title, "<h4>" + Html.escape(title) + "</h4>"), body);
    }

    @Override
    public void render(RenderContext context) {
        context.getOutputContainer().putText(text);
        context.getOutputContainer().putHTML(html);
    }

    /** Plain lines as a {@code <pre>} block. */
    public static View pre(List<String> lines) {
        String t = String.join("\n", lines);
        return new View(t, "<pre>" + Html.escape(t) + "</pre>");
    }
}
