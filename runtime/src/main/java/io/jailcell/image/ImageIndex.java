package io.jailcell.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index (or Docker manifest list): the entry point of an image layout and of multi-platform images.
 *
 * <pre>{@code
 * ImageIndex idx = ImageIndex.parse(Files.readAllBytes(layout.resolve("index.json")));
 * }</pre>
 */
public record ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

    /** The annotation OCI layouts name an image by. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ImageIndex empty() {
        return new ImageIndex(MediaTypes.OCI_INDEX, List.of(), Map.of());
    }

    public static ImageIndex parse(byte[] bytes) {
        Fields f = Fields.of(Json.parse(bytes, "image index"), "image index");
        if (f.number("schemaVersion", 0) != 2) {
            throw new ImageFormatException("image index has schemaVersion " + f.raw("schemaVersion")
                    + "; only schema version 2 is supported");
        }
        List<Descriptor> ms = new ArrayList<>();
        for (Fields m : f.objects("manifests")) {
            ms.add(Descriptor.from(m));
        }
        String type = f.string("mediaType");
        return new ImageIndex(type == null ? MediaTypes.OCI_INDEX : type, ms, f.stringMap("annotations"));
    }

    /** The manifest for {@code platform}, or null when the index has none for it. */
    public Descriptor forPlatform(Platform platform) {
        for (Descriptor d : manifests) {
            if (d.platform() != null && d.platform().matches(platform) && MediaTypes.isManifest(d.mediaType())) {
                return d;
            }
        }
        return null;
    }

    public ImageIndex withManifests(List<Descriptor> newManifests) {
        return new ImageIndex(mediaType, newManifests, annotations);
    }

    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2L);
        m.put("mediaType", mediaType);
        List<Object> l = new ArrayList<>();
        for (Descriptor d : manifests) {
            l.add(d.toTree());
        }
        m.put("manifests", l);
        if (!annotations.isEmpty()) {
            m.put("annotations", new java.util.TreeMap<>(annotations));
        }
        return Json.write(m);
    }
}
