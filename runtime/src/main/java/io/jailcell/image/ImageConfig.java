package io.jailcell.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image configuration: platform, the container defaults, the layers' diff ids (bottom first) and history.
 *
 * <pre>{@code
 * ImageConfig cfg = ImageConfig.parse(store.blobs().read(manifest.config().digest()));
 * cfg.config().cmd();
 * }</pre>
 *
 * @param diffIds the sha256 of each layer's uncompressed tar, bottom first
 */
public record ImageConfig(String created, String author, Platform platform, RunConfig config, List<Digest> diffIds,
                          List<History> history) {

    public ImageConfig {
        config = config == null ? RunConfig.EMPTY : config;
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** A config for an image with no layers yet ({@code FROM scratch}). */
    public static ImageConfig scratch(Platform platform) {
        return new ImageConfig(null, null, platform, RunConfig.EMPTY, List.of(), List.of());
    }

    public static ImageConfig parse(byte[] bytes) {
        Fields f = Fields.of(Json.parse(bytes, "image config"), "image config");
        Fields rootfs = f.object("rootfs");
        List<Digest> diffIds = new ArrayList<>();
        if (rootfs != null) {
            List<String> ids = rootfs.strings("diff_ids");
            for (String id : ids == null ? List.<String>of() : ids) {
                diffIds.add(Digest.parse(id));
            }
        }
        List<History> history = new ArrayList<>();
        for (Fields h : f.objects("history")) {
            history.add(History.from(h));
        }
        String os = f.string("os");
        String arch = f.string("architecture");
        Platform platform = os == null || arch == null ? null : new Platform(os, arch, f.string("variant"));
        return new ImageConfig(f.string("created"), f.string("author"), platform, RunConfig.from(f.object("config")),
                diffIds, history);
    }

    public ImageConfig withConfig(RunConfig c) {
        return new ImageConfig(created, author, platform, c, diffIds, history);
    }

    public ImageConfig withCreated(String c) {
        return new ImageConfig(c, author, platform, config, diffIds, history);
    }

    public ImageConfig withAuthor(String a) {
        return new ImageConfig(created, a, platform, config, diffIds, history);
    }

    /** This config with one more step in its history, and a layer when {@code layer} is not null. */
    public ImageConfig plus(History step, Digest layer) {
        List<Digest> ids = new ArrayList<>(diffIds);
        if (layer != null) {
            ids.add(layer);
        }
        List<History> h = new ArrayList<>(history);
        h.add(step);
        return new ImageConfig(created, author, platform, config, ids, h);
    }

    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (created != null) {
            m.put("created", created);
        }
        if (author != null) {
            m.put("author", author);
        }
        Platform p = platform == null ? Platform.host() : platform;
        m.put("architecture", p.architecture());
        if (p.variant() != null) {
            m.put("variant", p.variant());
        }
        m.put("os", p.os());
        m.put("config", config.toTree());
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        List<Object> ids = new ArrayList<>();
        for (Digest d : diffIds) {
            ids.add(d.toString());
        }
        rootfs.put("diff_ids", ids);
        m.put("rootfs", rootfs);
        List<Object> h = new ArrayList<>();
        for (History x : history) {
            h.add(x.toTree());
        }
        if (!h.isEmpty()) {
            m.put("history", h);
        }
        return Json.write(m);
    }
}
