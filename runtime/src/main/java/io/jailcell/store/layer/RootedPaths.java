package io.jailcell.store.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry names to paths under a root, without ever leaving it: {@code ..} that climbs above the root is refused, a
 * leading {@code /} is dropped (as tar does), and every parent directory is checked to be a real directory, not a
 * symlink, so nothing the layer (or a lower layer) put there can redirect a write.
 */
final class RootedPaths {
    private RootedPaths() {
    }

    /** The normalized components of {@code name}; empty for the root itself. */
    static List<String> components(String name, String entry) throws LayerException {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new LayerException(entry, "escapes the root: refused");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    static String join(List<String> parts) {
        return String.join("/", parts);
    }

    /**
     * The directory that holds the last component, walking from {@code root} one component at a time without
     * following links. Missing directories are created (mode 0755, like tar) when {@code create} is set, else the answer is null.
     */
    static Path parent(Path root, List<String> parts, boolean create, String entry) throws IOException {
        Path dir = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            dir = dir.resolve(parts.get(i));
            BasicFileAttributes attrs = attributes(dir);
            if (attrs == null) {
                if (!create) {
                    return null;
                }
                Files.createDirectory(dir);
            } else if (attrs.isSymbolicLink()) {
                throw new LayerException(entry, "goes through symlink '" + join(parts.subList(0, i + 1))
                        + "': refused");
            } else if (!attrs.isDirectory()) {
                throw new LayerException(entry, "goes through '" + join(parts.subList(0, i + 1))
                        + "', which is not a directory: refused");
            }
        }
        return dir;
    }

    /** {@code lstat}, or null if nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
