package io.jailcell.build;

import java.util.ArrayDeque;
import java.util.Deque;

/** Container paths as strings, cleaned the way Go's {@code path.Clean} does (never above {@code /}). */
final class Paths {
    private Paths() {
    }

    /** An absolute, clean path: no {@code .}, no {@code ..} above the root, no doubled or trailing slash. */
    static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The path without its leading slash, as a tar entry names it. */
    static String rel(String absolute) {
        String c = clean(absolute);
        return c.substring(1);
    }

    /** The parent of a relative path, "" for a top-level name, null for "". */
    static String parent(String rel) {
        if (rel.isEmpty()) {
            return null;
        }
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }
}
