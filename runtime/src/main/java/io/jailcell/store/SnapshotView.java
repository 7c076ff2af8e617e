package io.jailcell.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A root filesystem as stacked read-only directories (top first), read the way overlayfs merges them without
 * mounting anything: the top layer that has a path decides, an overlay whiteout (a 0/0 character device) means
 * deleted, and a directory marked opaque hides what lower layers have in it. Symlinks are never followed, so an
 * image cannot make a reader reach host files.
 *
 * <pre>{@code
 * SnapshotView view = new SnapshotView(lowerDirs);
 * Path passwd = view.find("etc/passwd");          // null when absent
 * }</pre>
 */
public final class SnapshotView {
    private final List<Path> layers;

    public SnapshotView(List<Path> topFirst) {
        this.layers = List.copyOf(topFirst);
    }

    /** From lower dirs given as strings, top first (as a container's config keeps them). */
    public static SnapshotView of(List<String> topFirst) {
        List<Path> l = new ArrayList<>(topFirst.size());
        for (String s : topFirst) {
            l.add(Path.of(s));
        }
        return new SnapshotView(l);
    }

    public List<Path> layers() {
        return layers;
    }

    public List<Path> bottomUp() {
        List<Path> l = new ArrayList<>(layers);
        Collections.reverse(l);
        return l;
    }

    /**
     * The file {@code relative} (no leading slash) is in the merged view, or null when no layer has it, it was
     * deleted, or a directory on its way is a symlink.
     */
    public Path find(String relative) {
        String[] parts = relative.split("/");
        for (Path layer : layers) {
            Path p = layer;
            for (int i = 0; i < parts.length && p != null; i++) {
                if (parts[i].isEmpty()) {
                    continue;
                }
                p = p.resolve(parts[i]);
                BasicFileAttributes a = attributes(p);
                if (a == null) {
                    p = null;
                } else if (a.isOther() || a.isSymbolicLink() && i < parts.length - 1) {
                    return null;
                }
            }
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * The well-formed rows of {@code /etc/passwd} or {@code /etc/group} in the merged view, split at ':' (a passwd
     * row has numeric uid and gid, a group row a numeric gid; comments and anything else are skipped). Empty when
     * the file is missing, unreadable, or reached through a symlink.
     */
    public List<String[]> etcTable(String name) {
        Path file = find("etc/" + name);
        List<String[]> rows = new ArrayList<>();
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return rows;
        }
        try {
            for (String line : lines(Files.readAllBytes(file))) {
                String[] cols = line.split(":", -1);
                boolean wellFormed = name.equals("passwd") ? cols.length >= 4 && isNumber(cols[3]) : cols.length >= 3;
                if (wellFormed && !line.startsWith("#") && isNumber(cols[2])) {
                    rows.add(cols);
                }
            }
        } catch (IOException e) {
            // an unreadable file resolves nothing, as if absent
        }
        return rows;
    }

    // Not Files.readAllLines: its decoder costs a warm JVM's start path a few hundred microseconds per file.
    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            out.add(text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end));
            start = end + 1;
        }
        return out;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Everything at and under {@code relative} in the merged view: path (relative to the root) to the file that
     * provides it, sorted. Empty when the path does not exist.
     */
    public TreeMap<String, Path> tree(String relative) {
        String base = trim(relative);
        TreeMap<String, Path> merged = new TreeMap<>();
        for (Path layer : bottomUp()) {
            Path start = base.isEmpty() ? layer : layer.resolve(base);
            if (!base.isEmpty() && viaSymlink(layer, base)) {
                continue;
            }
            BasicFileAttributes top = attributes(start);
            if (top == null) {
                continue;
            }
            if (top.isOther()) {
                removeUnder(merged, base, true);
                continue;
            }
            if (!top.isDirectory() || isOpaque(start)) {
                removeUnder(merged, base, true);
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = layer.relativize(p).toString();
                    BasicFileAttributes a = attributes(p);
                    if (a == null) {
                        continue;
                    }
                    if (a.isOther() && Files.exists(p, LinkOption.NOFOLLOW_LINKS) && isWhiteout(p)) {
                        removeUnder(merged, rel, true);
                    } else {
                        if (a.isDirectory() && !p.equals(start) && isOpaque(p)) {
                            removeUnder(merged, rel, false);
                        } else if (!a.isDirectory()) {
                            removeUnder(merged, rel, false);
                        }
                        merged.put(rel, p);
                    }
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + start + ": " + e.getMessage(), e);
            }
        }
        return merged;
    }

    private static String trim(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static boolean viaSymlink(Path layer, String relative) {
        Path p = layer;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private static void removeUnder(TreeMap<String, Path> m, String rel, boolean includingSelf) {
        if (includingSelf) {
            m.remove(rel);
        }
        String prefix = rel.isEmpty() ? "" : rel + "/";
        m.subMap(prefix, prefix + Character.MAX_VALUE).clear();
    }

    private static boolean isWhiteout(Path p) {
        try {
            Object rdev = Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            return rdev instanceof Long l && l == 0L;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean isOpaque(Path dir) {
        try {
            byte[] v = io.jailcell.linux.fs.FileCalls.system().lgetxattr(dir.toString(), "trusted.overlay.opaque");
            return v != null && v.length == 1 && v[0] == 'y';
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
