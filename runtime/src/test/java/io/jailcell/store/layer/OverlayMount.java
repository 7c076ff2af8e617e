package io.jailcell.store.layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real overlayfs mount for a test; close() always unmounts it. */
final class OverlayMount implements AutoCloseable {
    final Path merged;
    final Path upper;

    private OverlayMount(Path merged, Path upper) {
        this.merged = merged;
        this.upper = upper;
    }

    /** Lowers top first, as overlayfs wants them; upper null for a read-only mount. */
    static OverlayMount mount(Path base, List<Path> lowers, Path upper) throws Exception {
        Path merged = Files.createDirectories(base.resolve("merged"));
        StringBuilder options = new StringBuilder("lowerdir=");
        options.append(String.join(":", lowers.stream().map(Path::toString).toList()));
        if (upper != null) {
            Path work = Files.createDirectories(base.resolve("work"));
            options.append(",upperdir=").append(upper).append(",workdir=").append(work);
        }
        Tars.run("mount", "-t", "overlay", "overlay", "-o", options.toString(), merged.toString());
        return new OverlayMount(merged, upper);
    }

    @Override
    public void close() {
        Tars.run("umount", merged.toString());
    }
}
