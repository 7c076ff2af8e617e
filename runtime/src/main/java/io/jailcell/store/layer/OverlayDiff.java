package io.jailcell.store.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What changed in a container's writable layer, like {@code docker diff}: every path in the upper directory is
 * ADDED, or CHANGED when a lower directory has it too (so directories that hold changes show up as CHANGED), and
 * every overlay whiteout is DELETED.
 *
 * <pre>{@code
 * for (OverlayDiff.Change c : OverlayDiff.changes(upper, lowers)) {
 *     System.out.println(c.kind().letter() + " " + c.path());   // "C /etc", "A /etc/app.conf", "D /tmp/x"
 * }
 * }</pre>
 */
public final class OverlayDiff {
    private OverlayDiff() {
    }

    /** One changed path, absolute inside the container. */
    public record Change(String path, Kind kind) {
    }

    /** docker diff's A, C and D. */
    public enum Kind {
        ADDED('A'), CHANGED('C'), DELETED('D');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** The changes in path order; {@code lowerDirs} in any order (only presence matters). */
    public static List<Change> changes(Path upperDir, List<Path> lowerDirs) throws IOException {
        List<Change> changes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(upperDir)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(upperDir)) {
                    continue;
                }
                String relative = upperDir.relativize(path).toString();
                Kind kind;
                if (FileMeta.read(path).isWhiteout()) {
                    kind = Kind.DELETED;
                } else {
                    kind = inAnyLower(relative, lowerDirs) ? Kind.CHANGED : Kind.ADDED;
                }
                changes.add(new Change("/" + relative, kind));
            }
        }
        return changes;
    }

    private static boolean inAnyLower(String relative, List<Path> lowerDirs) throws IOException {
        for (Path lower : lowerDirs) {
            Path candidate = lower.resolve(relative);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !FileMeta.read(candidate).isWhiteout()) {
                return true;
            }
        }
        return false;
    }

}
