package io.jailcell.kernel.display;

import io.jailcell.api.CgroupNode;
import io.jailcell.api.ContainerInfo;
import io.jailcell.api.ContainerStats;
import io.jailcell.api.FileChange;
import io.jailcell.api.HostInfo;
import io.jailcell.api.ImageHistory;
import io.jailcell.api.ImageInfo;
import io.jailcell.api.NetworkInfo;
import io.jailcell.api.VolumeInfo;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderers of the API's types, so that a cell whose value is one shows a table or a picture: lists of
 * images, containers, volumes, history steps and file changes as tables; an image as its layer stack; a container
 * as its facts and namespaces; a network as its topology; the host's facts; stats; the cgroup tree.
 *
 * <pre>{@code
 * Displays.register(kernel.getRenderer());
 * // then a cell "jc.images().list()" shows a table, "jc.images().inspect(\"busybox\")" the layer stack
 * }</pre>
 */
public final class Displays {
    private Displays() {
    }

    /** Registers every renderer with {@code renderer}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(ImageInfo.class).preferring("text/html").register(
                (img, ctx) -> put(ctx, LayerStack.of(img)));
        renderer.createRegistration(ContainerInfo.class).preferring("text/html").register(
                (c, ctx) -> put(ctx, View.of(Tables.container(c), NamespacePicture.of(c))));
        renderer.createRegistration(HostInfo.class).preferring("text/html").register(
                (h, ctx) -> put(ctx, Tables.host(h)));
        renderer.createRegistration(ContainerStats.class).preferring("text/html").register(
                (s, ctx) -> put(ctx, Tables.stats(Map.of("", s))));
        renderer.createRegistration(CgroupNode.class).preferring("text/html").register(
                (n, ctx) -> put(ctx, CgroupPicture.of(Map.of("cgroup", n), null)));
        renderer.createRegistration(NetworkInfo.class).preferring("text/html").register(
                (n, ctx) -> put(ctx, NetworkPicture.of(n, Map.of())));
        renderer.createRegistration(List.class).preferring("text/html").register(Displays::list);
    }

    /** The view of {@code value} when it is a value these renderers know (a list of API values too), else null. */
    public static DisplayDataRenderable viewOf(Object value) {
        if (value instanceof List<?> l && !l.isEmpty()) {
            Object first = l.get(0);
            Class<?> type = first == null ? Object.class : first.getClass();
            if (!l.stream().allMatch(type::isInstance)) {
                return null;
            }
            if (first instanceof ImageInfo) {
                return Tables.images(cast(l));
            } else if (first instanceof ContainerInfo) {
                return Tables.containers(cast(l));
            } else if (first instanceof VolumeInfo) {
                return Tables.volumes(cast(l));
            } else if (first instanceof ImageHistory) {
                return Tables.history(cast(l));
            } else if (first instanceof NetworkInfo) {
                return Tables.networks(cast(l));
            } else if (first instanceof FileChange) {
                return Tables.changes(cast(l));
            }
        }
        return null;
    }

    private static void list(List<?> l, RenderContext ctx) {
        DisplayDataRenderable view = viewOf(l);
        if (view != null) {
            put(ctx, view);
        } else {
            ctx.getOutputContainer().putText(String.valueOf(l));
        }
    }

    /** A map of names to stats as a table. */
    public static Table stats(Map<String, ContainerStats> byName) {
        return Tables.stats(new LinkedHashMap<>(byName));
    }

    private static void put(RenderContext ctx, DisplayDataRenderable view) {
        view.render(ctx);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<?> l) {
        return (List<T>) l;   // checked: every element is an instance of T
    }
}
