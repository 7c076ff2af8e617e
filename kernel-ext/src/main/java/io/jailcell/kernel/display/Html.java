package io.jailcell.kernel.display;

import java.util.Locale;

/**
 * Escaping and small formats shared by the renderers.
 *
 * <pre>{@code
 * Html.escape("<a & b>");   // "&lt;a &amp; b&gt;"
 * Html.bytes(1536);         // "1.5KiB"
 * }</pre>
 */
public final class Html {
    private Html() {
    }

    /** Text safe inside HTML and SVG elements and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** docker's binary sizes: {@code 812KiB}, {@code 1.5MiB}; {@code -} for a negative (unlimited) value. */
    public static String bytes(long n) {
        if (n < 0) {
            return "-";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        double r = Math.round(v * 100) / 100.0;
        return (r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.2f", r)
                .replaceAll("0$", "")) + units[u];
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    public static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
