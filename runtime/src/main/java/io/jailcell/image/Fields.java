package io.jailcell.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads from a parsed JSON object, with errors that name the document and the field. */
final class Fields {
    private final Map<String, Object> map;
    private final String what;

    Fields(Map<String, Object> map, String what) {
        this.map = map;
        this.what = what;
    }

    static Fields of(Object tree, String what) {
        if (!(tree instanceof Map)) {
            throw new ImageFormatException(what + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) tree;
        return new Fields(m, what);
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    String string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw bad(key, "a string");
        }
        return s;
    }

    String required(String key) {
        String s = string(key);
        if (s == null) {
            throw new ImageFormatException(what + " has no \"" + key + "\"");
        }
        return s;
    }

    long number(String key, long fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long l)) {
            throw bad(key, "an integer");
        }
        return l;
    }

    boolean bool(String key) {
        Object v = map.get(key);
        return v instanceof Boolean b && b;
    }

    /** A list of strings; null stays null (the difference matters for Cmd and Entrypoint). */
    List<String> strings(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, "an array of strings");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw bad(key, "an array of strings");
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    List<Fields> objects(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, "an array of objects");
        }
        List<Fields> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(Fields.of(l.get(i), what + " " + key + "[" + i + "]"));
        }
        return out;
    }

    Fields object(String key) {
        Object v = map.get(key);
        return v == null ? null : Fields.of(v, what + " " + key);
    }

    /** A string-to-string map (annotations, labels). */
    Map<String, String> stringMap(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(key, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw bad(key, "an object of strings");
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The keys of an object used as a set ({@code ExposedPorts}, {@code Volumes}). */
    List<String> keys(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw bad(key, "an object");
        }
        List<String> out = new ArrayList<>();
        for (Object k : m.keySet()) {
            out.add((String) k);
        }
        return Collections.unmodifiableList(out);
    }

    private ImageFormatException bad(String key, String expected) {
        return new ImageFormatException(what + " field \"" + key + "\" must be " + expected);
    }
}
