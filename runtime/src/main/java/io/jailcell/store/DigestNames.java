package io.jailcell.store;

import io.jailcell.image.Digest;
import io.jailcell.image.ImageFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directories whose entries are named by sha256 hex digests (blobs, snapshots); other names are passed over. */
final class DigestNames {
    private DigestNames() {
    }

    static List<Digest> in(Path dir) {
        List<Digest> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.length() == 64) {
                    try {
                        out.add(Digest.ofHex(name));
                    } catch (ImageFormatException e) {
                        // not ours
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
