package io.jailcell.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of an image's history: what made it, and whether it added a layer.
 *
 * @param created   RFC 3339 time, or null
 * @param createdBy the instruction, e.g. {@code RUN /bin/sh -c make}
 */
public record History(String created, String createdBy, String comment, boolean emptyLayer) {

    static History from(Fields f) {
        return new History(f.string("created"), f.string("created_by"), f.string("comment"), f.bool("empty_layer"));
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (created != null) {
            m.put("created", created);
        }
        if (createdBy != null) {
            m.put("created_by", createdBy);
        }
        if (comment != null) {
            m.put("comment", comment);
        }
        if (emptyLayer) {
            m.put("empty_layer", Boolean.TRUE);
        }
        return m;
    }
}
