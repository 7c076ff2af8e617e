package io.jailcell.store.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One member of a layer to write: the tar header and, for a regular file, where its content comes from. A COPY step
 * places files at their destination this way, without staging a copy.
 *
 * <pre>{@code
 * LayerEntry app = LayerEntry.fromDisk("app/app.jar", Path.of("target/app.jar"));
 * LayerEntry owned = new LayerEntry(app.entry().withOwner(1000, 1000).withMode(0640), app.source());
 * LayerEntry made = new LayerEntry(TarEntry.dir("app/logs"), null);
 * }</pre>
 *
 * @param source the content of a {@link TarEntry.Type#FILE}, or null (then the size must be 0); for files read from
 *        disk it is also how hardlinks are found
 */
public record LayerEntry(TarEntry entry, Path source) {

    public LayerEntry {
        if (source == null && entry.size() != 0) {
            throw new IllegalArgumentException("entry '" + entry.name() + "' has " + entry.size()
                    + " bytes but no source");
        }
    }

    /** The file, directory, symlink or special file at {@code source}, named {@code tarPath}, with its metadata. */
    public static LayerEntry fromDisk(String tarPath, Path source) throws IOException {
        FileMeta meta = FileMeta.read(source);
        String link = meta.type() == TarEntry.Type.SYMLINK ? Files.readSymbolicLink(source).toString() : "";
        TarEntry entry = meta.toEntry(tarPath, link, FileMeta.xattrs(io.jailcell.linux.fs.FileCalls.system(), source));
        return new LayerEntry(entry, meta.type() == TarEntry.Type.FILE ? source : null);
    }
}
