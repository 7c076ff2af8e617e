package io.jailcell.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image manifest (OCI, or Docker v2 schema 2, which has the same shape): a config and layers, bottom first.
 *
 * <pre>{@code
 * Manifest m = Manifest.parse(bytes);
 * m.layers().size();
 * }</pre>
 */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {

    public Manifest {
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Manifest parse(byte[] bytes) {
        Fields f = Fields.of(Json.parse(bytes, "image manifest"), "image manifest");
        if (f.number("schemaVersion", 0) != 2) {
            throw new ImageFormatException("image manifest has schemaVersion " + f.raw("schemaVersion")
                    + "; only schema version 2 is supported");
        }
        String type = f.string("mediaType");
        Fields config = f.object("config");
        if (config == null) {
            throw new ImageFormatException("image manifest has no \"config\"");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (Fields l : f.objects("layers")) {
            layers.add(Descriptor.from(l));
        }
        return new Manifest(type == null ? MediaTypes.OCI_MANIFEST : type, Descriptor.from(config), layers,
                f.stringMap("annotations"));
    }

    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2L);
        m.put("mediaType", mediaType);
        m.put("config", config.toTree());
        List<Object> l = new ArrayList<>();
        for (Descriptor d : layers) {
            l.add(d.toTree());
        }
        m.put("layers", l);
        if (!annotations.isEmpty()) {
            m.put("annotations", new java.util.TreeMap<>(annotations));
        }
        return Json.write(m);
    }
}
