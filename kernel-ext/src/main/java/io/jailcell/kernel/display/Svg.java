package io.jailcell.kernel.display;

import java.util.Locale;

/**
 * A small SVG writer for the pictures: boxes with labels, lines and text, in a fixed-width canvas whose height
 * grows with what is drawn.
 *
 * <pre>{@code
 * Svg s = new Svg(400);
 * s.box(10, 10, 200, 24, "#cde", "layer 1", "sha256:...");
 * String svg = s.toString();   // "<svg xmlns=... width=\"400\" height=\"44\">...</svg>"
 * }</pre>
 */
public final class Svg {
    /** Fill of a namespace, layer or cgroup of the container itself. */
    public static final String OWN = "#cfe3f7";
    /** Fill of something shared with the host or other containers. */
    public static final String SHARED = "#d8efd3";
    /** Fill of the writable layer and other changing things. */
    public static final String WRITABLE = "#fbe3c4";
    /** Fill of a neutral box. */
    public static final String PLAIN = "#eeeeee";

    private final int width;
    private final StringBuilder body = new StringBuilder();
    private int height;

    public Svg(int width) {
        this.width = width;
    }

    /** A rounded box with a label inside and a tooltip ({@code <title>}, may be null). */
    public Svg box(int x, int y, int w, int h, String fill, String label, String tooltip) {
        body.append(String.format(Locale.ROOT, "<g><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" "
                + "fill=\"%s\" stroke=\"#555\"/>", x, y, w, h, fill));
        if (tooltip != null) {
            body.append("<title>").append(Html.escape(tooltip)).append("</title>");
        }
        text(x + 6, y + h / 2 + 4, label, 12);
        body.append("</g>");
        return grow(y + h);
    }

    /** Text with its baseline at {@code y}. */
    public Svg text(int x, int y, String text, int size) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"monospace\" "
                + "font-size=\"%d\">", x, y, size)).append(Html.escape(text)).append("</text>");
        return grow(y + 4);
    }

    /** Bold text: a heading. */
    public Svg heading(int x, int y, String text) {
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" "
                + "font-size=\"13\" font-weight=\"bold\">", x, y)).append(Html.escape(text)).append("</text>");
        return grow(y + 4);
    }

    /** A line, dashed when {@code dashed}. */
    public Svg line(int x1, int y1, int x2, int y2, boolean dashed) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"%s/>",
                x1, y1, x2, y2, dashed ? " stroke-dasharray=\"4 3\"" : ""));
        return grow(Math.max(y1, y2));
    }

    /** An element written by the caller (a polyline of a chart), which must escape what it puts in. */
    public Svg raw(String element) {
        body.append(element);
        return this;
    }

    private Svg grow(int bottom) {
        height = Math.max(height, bottom);
        return this;
    }

    /** The picture, with a margin below what was drawn. */
    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + (height + 10)
                + "\" class=\"jailcell\">" + body + "</svg>";
    }
}
