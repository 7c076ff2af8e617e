package io.jailcell.store.layer;

import io.jailcell.linux.fs.FileCalls;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a reproducible gzip'd tar layer and computes its diffID and blob digest in the same pass. Entries are sorted
 * by name (byte order, so parents come first), normalized by {@link LayerOptions}, and files that share an inode
 * become tar hardlinks to the first of them.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(tmpBlob)) {
 *     WrittenLayer layer = LayerWriter.fromTree(rootfs, LayerOptions.reproducible()).writeTo(out);
 *     store.commitBlob(tmpBlob, layer.digest());
 * }
 * WrittenLayer diff = LayerWriter.fromOverlayUpper(upperDir, LayerOptions.reproducible()).writeTo(out);
 * }</pre>
 */
public final class LayerWriter {
    private static final Comparator<LayerEntry> BY_NAME_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.entry().name().getBytes(StandardCharsets.UTF_8), b.entry().name().getBytes(StandardCharsets.UTF_8));

    private final List<LayerEntry> entries;
    private final LayerOptions options;

    private LayerWriter(List<LayerEntry> entries, LayerOptions options) {
        this.entries = new ArrayList<>(entries);
        this.entries.sort(BY_NAME_BYTES);
        this.options = options;
    }

    /** Every file under {@code dir} (not {@code dir} itself), named relative to it; {@code trusted.overlay.*} dropped. */
    public static LayerWriter fromTree(Path dir, LayerOptions options) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (!path.equals(dir)) {
                    entries.add(LayerEntry.fromDisk(dir.relativize(path).toString(), path));
                }
            }
        }
        return new LayerWriter(entries, options);
    }

    /** Entries the caller placed; they are sorted but no missing parent directories are added. */
    public static LayerWriter fromEntries(List<LayerEntry> entries, LayerOptions options) {
        return new LayerWriter(entries, options);
    }

    /**
     * The changes in an overlayfs upper directory as OCI whiteouts: a 0/0 character device becomes an empty
     * {@code .wh.NAME} file, and a directory marked {@code trusted.overlay.opaque=y} gets a {@code .wh..wh..opq}.
     */
    public static LayerWriter fromOverlayUpper(Path upperDir, LayerOptions options) throws IOException {
        FileCalls calls = FileCalls.system();
        List<LayerEntry> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(upperDir)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String name = upperDir.relativize(path).toString();
                FileMeta meta = FileMeta.read(path);
                if (meta.isWhiteout()) {
                    Path parent = upperDir.relativize(path).getParent();
                    String whiteout = LayerApplier.WHITEOUT + path.getFileName();
                    entries.add(new LayerEntry(marker(parent == null ? whiteout : parent + "/" + whiteout), null));
                    continue;
                }
                if (meta.type() == TarEntry.Type.DIR && isOpaque(calls, path)) {
                    entries.add(new LayerEntry(marker(name.isEmpty() ? LayerApplier.OPAQUE
                            : name + "/" + LayerApplier.OPAQUE), null));
                }
                if (!name.isEmpty()) {
                    entries.add(LayerEntry.fromDisk(name, path));
                }
            }
        }
        return new LayerWriter(entries, options);
    }

    /** Writes the gzip'd layer to {@code out} (which stays open) and returns its digests. */
    public WrittenLayer writeTo(OutputStream out) throws IOException {
        Digests.Out blob = new Digests.Out(new NonClosing(out));
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(blob, options.level(), options.threads());
        Digests.Out tarBytes = new Digests.Out(new BufferedOutputStream(gzip, 1 << 20));
        Map<String, String> firstNameOfInode = new HashMap<>();
        int count = 0;
        try (TarWriter tar = new TarWriter(tarBytes)) {
            for (LayerEntry layerEntry : entries) {
                TarEntry entry = options.normalize(layerEntry.entry());
                Path source = layerEntry.source();
                if (source != null && entry.type() == TarEntry.Type.FILE) {
                    FileMeta meta = FileMeta.read(source);
                    if (meta.nlink() > 1) {
                        String inode = meta.dev() + ":" + meta.ino();
                        String first = firstNameOfInode.putIfAbsent(inode, entry.name());
                        if (first != null) {
                            tar.write(new TarEntry(entry.name(), TarEntry.Type.HARDLINK, entry.mode(), entry.uid(),
                                    entry.gid(), 0, entry.mtimeSeconds(), entry.mtimeNanos(), first, 0, 0,
                                    entry.uname(), entry.gname(), Map.of()));
                            count++;
                            continue;
                        }
                    }
                    try (InputStream in = Files.newInputStream(source)) {
                        tar.write(entry, in);
                    }
                } else {
                    tar.write(entry);
                }
                count++;
            }
        }
        return new WrittenLayer(Digests.format(tarBytes.digest), Digests.format(blob.digest), blob.count,
                tarBytes.count, count);
    }

    /** The entries as they will be written (sorted, before normalization). */
    public List<LayerEntry> entries() {
        return List.copyOf(entries);
    }

    private static TarEntry marker(String name) {
        return TarEntry.file(name, 0).withMode(0600);
    }

    private static boolean isOpaque(FileCalls calls, Path dir) {
        byte[] value = calls.lgetxattr(dir.toString(), LayerApplier.OVERLAY_OPAQUE);
        return value != null && value.length == 1 && value[0] == 'y';
    }

    /** Lets the tar and gzip streams close without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
