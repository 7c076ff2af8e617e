package io.jailcell.kernel.display;

import io.jailcell.api.ContainerInfo;
import io.jailcell.api.FileChange;
import io.jailcell.api.ImageInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's root filesystem as overlayfs stacks it: the merged view the container sees on top, its writable
 * upper layer ({@code DIRECTORY/diff}) with the changes in it, and the image's read-only layers below.
 *
 * <pre>{@code
 * Container web = jc.container("web");
 * View v = OverlayPicture.of(web.inspect(), jc.images().inspect(web.inspect().image()), web.diff());
 * }</pre>
 */
public final class OverlayPicture {
    private OverlayPicture() {
    }

    /** The picture and a text listing; {@code image} may be null (a container on a root filesystem directory). */
    public static View of(ContainerInfo c, ImageInfo image, List<FileChange> changes) {
        Svg s = new Svg(720);
        List<String> text = new ArrayList<>();
        s.heading(4, 16, "overlay of " + c.name());
        int y = 26;
        String merged = "merged: / as the container sees it";
        s.box(4, y, 700, 24, Svg.PLAIN, merged, "upper over lower, the upper winning");
        text.add(merged);
        y += 30;
        long added = changes.stream().filter(f -> f.kind() == 'A').count();
        long changed = changes.stream().filter(f -> f.kind() == 'C').count();
        long deleted = changes.stream().filter(f -> f.kind() == 'D').count();
        String upper = String.format("upper (writable): %s/diff  %d added, %d changed, %d deleted",
                c.directory(), added, changed, deleted);
        StringBuilder tip = new StringBuilder();
        changes.stream().limit(20).forEach(f -> tip.append(f.kind()).append(' ').append(f.path()).append('\n'));
        s.box(4, y, 700, 24, Svg.WRITABLE, Html.cut(upper, 95), tip.toString());
        text.add(upper);
        y += 30;
        List<ImageInfo.Layer> layers = image == null ? List.of() : image.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            ImageInfo.Layer l = layers.get(i);
            String made = l.createdBy() == null ? l.digest() : LayerStack.clean(l.createdBy());
            String label = "lower #" + (i + 1) + " (read-only): " + Html.bytes(l.size()) + "  " + made;
            s.box(4, y, 700, 22, Svg.SHARED, Html.cut(label, 95), l.chainId());
            text.add(label);
            y += 26;
        }
        if (layers.isEmpty()) {
            String label = "lower: " + c.image() + " (read-only)";
            s.box(4, y, 700, 22, Svg.SHARED, label, null);
            text.add(label);
        }
        return new View(String.join("\n", text), s.toString());
    }
}
