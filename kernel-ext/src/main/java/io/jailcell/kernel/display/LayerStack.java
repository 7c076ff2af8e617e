package io.jailcell.kernel.display;

import io.jailcell.api.ImageInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * An image's layer stack as a picture: the bottom layer at the bottom, each with its size and the instruction
 * that made it (hover for the digest), and a table of the image's settings above.
 *
 * <pre>{@code
 * View v = LayerStack.of(jc.images().inspect("localhost/app:1"));
 * }</pre>
 */
public final class LayerStack {
    private static final int ROW = 26;

    private LayerStack() {
    }

    /** The picture and a text listing of the layers, top first. */
    public static View of(ImageInfo img) {
        List<ImageInfo.Layer> layers = img.layers();
        long max = 1;
        for (ImageInfo.Layer l : layers) {
            max = Math.max(max, l.size());
        }
        Svg s = new Svg(720);
        String title = (img.names().isEmpty() ? "<none>" : String.join(", ", img.names())) + "  " + img.shortId()
                + "  " + Html.bytes(img.size());
        s.heading(4, 16, title);
        List<String> text = new ArrayList<>();
        text.add(title);
        int y = 28;
        for (int i = layers.size() - 1; i >= 0; i--) {
            ImageInfo.Layer l = layers.get(i);
            String made = l.createdBy() == null ? "(no history)" : clean(l.createdBy());
            int bar = 60 + (int) (140.0 * Math.log1p(l.size()) / Math.log1p(max));
            s.box(4, y, bar, ROW - 4, i == layers.size() - 1 ? Svg.OWN : Svg.SHARED, Html.bytes(l.size()),
                    l.digest());
            s.text(214, y + ROW / 2 + 2, "#" + (i + 1) + "  " + Html.cut(made, 70), 12);
            text.add(String.format("#%-3d %9s  %s", i + 1, Html.bytes(l.size()), made));
            y += ROW;
        }
        if (layers.isEmpty()) {
            s.text(4, y + 14, "no layers (scratch, or a root filesystem directory)", 12);
            text.add("no layers");
        }
        return new View(String.join("\n", text), s.toString());
    }

    /** The docker-style {@code /bin/sh -c #(nop) } prefix of config-only steps, dropped. */
    static String clean(String createdBy) {
        return createdBy.replace("/bin/sh -c #(nop) ", "").strip();
    }
}
