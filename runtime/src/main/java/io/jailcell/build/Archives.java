package io.jailcell.build;

import io.jailcell.store.layer.LayerApplier;
import io.jailcell.store.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * ADD's local archives: a tar, plain or gzip'd, is unpacked at the destination instead of copied. Unpacking uses
 * the layer applier, so an archive cannot write outside its directory either.
 */
final class Archives {
    private Archives() {
    }

    static boolean isArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(file))) {
                    return isTarHeader(gz.readNBytes(512));
                }
            }
        } catch (IOException e) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return isTarHeader(in.readNBytes(512));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isTarHeader(byte[] h) {
        return h.length == 512 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    }

    /** Unpacks {@code archive} into a scratch directory and adds its files under {@code absDest}. */
    static void extractInto(Path archive, String absDest, TreeMap<String, LayerEntry> entries, Path tmp,
                            List<Path> scratch, String where) {
        try {
            Path dir = Files.createTempDirectory(tmp, "add");
            scratch.add(dir);
            try (InputStream in = Files.newInputStream(archive)) {
                new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN).applyBlob(in, dir);
            }
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = dir.relativize(p).toString();
                    String target = rel.isEmpty() ? absDest : (absDest.endsWith("/") ? absDest : absDest + "/") + rel;
                    String name = Paths.rel(target);
                    if (!name.isEmpty()) {
                        entries.put(name, LayerEntry.fromDisk(name, p));
                    }
                }
            }
        } catch (IOException e) {
            throw new BuildException(where + "ADD cannot unpack " + archive.getFileName() + ": " + e.getMessage(),
                    125, e);
        }
    }
}
