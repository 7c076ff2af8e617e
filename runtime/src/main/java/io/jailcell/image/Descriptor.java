package io.jailcell.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed pointer to a blob: media type, digest and size, with optional annotations and platform.
 *
 * <pre>{@code
 * Descriptor d = Descriptor.of(MediaTypes.OCI_CONFIG, configBytes);
 * }</pre>
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Platform platform) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static Descriptor of(String mediaType, byte[] content) {
        return new Descriptor(mediaType, Digest.of(content), content.length, null, null);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, newAnnotations, platform);
    }

    static Descriptor from(Fields f) {
        long size = f.number("size", -1);
        if (size < 0) {
            throw new ImageFormatException("a descriptor has no valid \"size\"");
        }
        Fields p = f.object("platform");
        return new Descriptor(f.required("mediaType"), Digest.parse(f.required("digest")), size,
                f.stringMap("annotations"), p == null ? null : Platform.from(p));
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaType", mediaType);
        m.put("digest", digest.toString());
        m.put("size", size);
        if (!annotations.isEmpty()) {
            m.put("annotations", new java.util.TreeMap<>(annotations));
        }
        if (platform != null) {
            m.put("platform", platform.toTree());
        }
        return m;
    }
}
