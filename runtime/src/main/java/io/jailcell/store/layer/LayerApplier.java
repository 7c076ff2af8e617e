package io.jailcell.store.layer;

import io.jailcell.linux.Host;
import io.jailcell.linux.KernelException;
import io.jailcell.linux.fs.FileCalls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Applies an OCI layer (a tar with whiteouts) to a directory, never writing outside it: names that climb out with
 * {@code ..} are refused, symlinks on the way to an entry are refused (symlink entries themselves are stored as they
 * are and never followed), and hardlinks may only point at files inside the root.
 *
 * <pre>{@code
 * LayerApplier applier = new LayerApplier(LayerApplier.WhiteoutMode.OVERLAY);
 * try (InputStream blob = Files.newInputStream(blobPath)) {
 *     ApplyResult result = applier.applyBlob(blob, snapshotDir);   // gzip is detected
 *     System.out.println(result.diffId());
 * }
 * }</pre>
 */
public final class LayerApplier {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    static final String OVERLAY_OPAQUE = "trusted.overlay.opaque";

    /** What a whiteout becomes on disk. */
    public enum WhiteoutMode {
        /** The target is a fresh snapshot for an overlayfs lowerdir: whiteouts become overlay's own markers. */
        OVERLAY,
        /** The target already holds the parent layers (a copy): whiteouts delete what they name. */
        FLATTEN
    }

    private final WhiteoutMode mode;
    private final FileCalls calls;
    private final boolean root;

    public LayerApplier(WhiteoutMode mode) {
        this(mode, FileCalls.system(), Host.isRoot());
    }

    LayerApplier(WhiteoutMode mode, FileCalls calls, boolean root) {
        this.mode = mode;
        this.calls = calls;
        this.root = root;
    }

    /** Applies a blob as stored: gzip is decompressed on the fly; zstd is refused with a clear message. */
    public ApplyResult applyBlob(InputStream blob, Path target) throws IOException {
        Digests.In compressed = new Digests.In(blob);
        BufferedInputStream sniff = new BufferedInputStream(compressed, 256 * 1024);
        sniff.mark(4);
        byte[] magic = sniff.readNBytes(4);
        sniff.reset();
        // apply() closes what it reads; the blob must stay open to be drained and its digest checked.
        InputStream unclosable = new java.io.FilterInputStream(sniff) {
            @Override
            public void close() {
            }
        };
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            ApplyResult result = apply(new GZIPInputStream(unclosable, 256 * 1024), target);
            compressed.drain();
            return new ApplyResult(result.entries(), result.bytes(), result.skippedDevices(), result.diffId(),
                    Digests.format(compressed.digest));
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            throw new LayerException("zstd layers are not supported yet: pull an image with gzip layers");
        }
        return apply(unclosable, target);
    }

    /** Applies an uncompressed tar stream to {@code target}, which must be an existing directory. */
    public ApplyResult apply(InputStream tar, Path target) throws IOException {
        Path rootDir = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(rootDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new LayerException("cannot apply a layer to " + rootDir + ": not a directory");
        }
        if (mode == WhiteoutMode.OVERLAY && !root) {
            throw new LayerException("overlay whiteouts need root (a 0/0 character device and trusted.* xattrs);"
                    + " apply with WhiteoutMode.FLATTEN instead");
        }
        Digests.In counted = new Digests.In(tar);
        Run run = new Run(rootDir);
        long entries = 0;
        try (TarReader reader = new TarReader(counted)) {
            for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
                entries++;
                run.apply(entry, reader);
            }
            counted.drain();
            run.finishDirectories();
        }
        return new ApplyResult(entries, counted.count, run.skippedDevices, Digests.format(counted.digest), null);
    }

    /** The state of one application: what this layer wrote, and directory metadata set last. */
    private final class Run {
        private final Path rootDir;
        private final Set<String> written = new HashSet<>();
        private final List<Object[]> directories = new ArrayList<>();
        private int skippedDevices;

        Run(Path rootDir) {
            this.rootDir = rootDir;
        }

        void apply(TarEntry entry, TarReader reader) throws IOException {
            List<String> parts = RootedPaths.components(entry.name(), entry.name());
            if (parts.isEmpty()) {
                return; // the root itself ("./"): its metadata belongs to whoever made the target
            }
            String base = parts.get(parts.size() - 1);
            if (base.startsWith(WHITEOUT)) {
                whiteout(entry, parts, base);
                return;
            }
            Path dir = RootedPaths.parent(rootDir, parts, true, entry.name());
            markWritten(parts);
            Path path = dir.resolve(base);
            BasicFileAttributes existing = RootedPaths.attributes(path);
            if (existing != null && !(entry.type() == TarEntry.Type.DIR && existing.isDirectory())) {
                // Replace, never write in place: in a copied snapshot the old inode may be shared.
                io.jailcell.store.Trees.delete(path);
            }
            create(entry, parts, path, existing != null && existing.isDirectory(), reader);
        }

        private void create(TarEntry entry, List<String> parts, Path path, boolean dirExists, TarReader reader)
                throws IOException {
            switch (entry.type()) {
                case DIR:
                    if (!dirExists) {
                        Files.createDirectory(path);
                    }
                    owner(entry, path);
                    xattrs(entry, path);
                    directories.add(new Object[] {path, entry});
                    return;
                case FILE:
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        reader.content().transferTo(out);
                    }
                    break;
                case SYMLINK:
                    Files.createSymbolicLink(path, Path.of(entry.linkName()));
                    owner(entry, path);
                    xattrs(entry, path);
                    times(entry, path);
                    return;
                case HARDLINK:
                    Files.createLink(path, linkTarget(entry));
                    return; // a hardlink shares its target's inode and metadata: change nothing
                case CHAR:
                case BLOCK:
                    if (!root) {
                        skippedDevices++;
                        return;
                    }
                    int type = entry.type() == TarEntry.Type.CHAR ? FileCalls.S_IFCHR : FileCalls.S_IFBLK;
                    calls.mknod(path.toString(), type | (entry.mode() & 0777), entry.devMajor(), entry.devMinor());
                    break;
                case FIFO:
                    calls.mknod(path.toString(), FileCalls.S_IFIFO | (entry.mode() & 0777), 0, 0);
                    break;
                default:
                    throw new LayerException(entry.name(), "has unsupported type " + entry.type());
            }
            owner(entry, path);
            calls.chmod(path.toString(), entry.mode()); // after chown, which clears setuid and setgid
            xattrs(entry, path);
            times(entry, path);
        }

        private Path linkTarget(TarEntry entry) throws IOException {
            List<String> target = RootedPaths.components(entry.linkName(), entry.name());
            if (target.isEmpty()) {
                throw new LayerException(entry.name(), "is a hardlink to the root: refused");
            }
            Path dir;
            try {
                dir = RootedPaths.parent(rootDir, target, false, entry.name());
            } catch (LayerException e) {
                throw new LayerException(entry.name(), "is a hardlink to '" + entry.linkName() + "', which "
                        + e.getMessage().replaceFirst("^layer entry '.*?' ", ""));
            }
            Path path = dir == null ? null : dir.resolve(target.get(target.size() - 1));
            BasicFileAttributes attrs = path == null ? null : RootedPaths.attributes(path);
            if (attrs == null || attrs.isDirectory()) {
                throw new LayerException(entry.name(), "is a hardlink to '" + entry.linkName() + "', which "
                        + (attrs == null ? "is not in this " + (mode == WhiteoutMode.OVERLAY ? "layer" : "tree")
                        : "is a directory") + ": refused");
            }
            return path;
        }

        private void whiteout(TarEntry entry, List<String> parts, String base) throws IOException {
            Path dir = RootedPaths.parent(rootDir, parts, true, entry.name());
            List<String> dirParts = parts.subList(0, parts.size() - 1);
            if (base.equals(OPAQUE)) {
                markWritten(dirParts);
                if (mode == WhiteoutMode.OVERLAY) {
                    calls.lsetxattr(dir.toString(), OVERLAY_OPAQUE, new byte[] {'y'});
                } else {
                    prune(dir, RootedPaths.join(dirParts));
                }
                return;
            }
            if (base.startsWith(WHITEOUT + WHITEOUT)) {
                return; // aufs bookkeeping such as .wh..wh.plnk: not content
            }
            String name = base.substring(WHITEOUT.length());
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new LayerException(entry.name(), "is a whiteout of '" + name + "': refused");
            }
            Path victim = dir.resolve(name);
            if (RootedPaths.attributes(victim) != null) {
                io.jailcell.store.Trees.delete(victim);
            }
            if (mode == WhiteoutMode.OVERLAY) {
                calls.mknod(victim.toString(), FileCalls.S_IFCHR, 0, 0);
            }
        }

        /** Deletes everything under {@code dir} that this layer did not write (the opaque marker may come last). */
        private void prune(Path dir, String relative) throws IOException {
            List<Path> children;
            try (var list = Files.list(dir)) {
                children = list.toList();
            }
            for (Path child : children) {
                String rel = relative.isEmpty() ? child.getFileName().toString()
                        : relative + "/" + child.getFileName();
                if (!written.contains(rel)) {
                    io.jailcell.store.Trees.delete(child);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    prune(child, rel);
                }
            }
        }

        private void markWritten(List<String> parts) {
            for (int i = 1; i <= parts.size(); i++) {
                written.add(RootedPaths.join(parts.subList(0, i)));
            }
        }

        private void owner(TarEntry entry, Path path) {
            if (root) {
                calls.lchown(path.toString(), (int) entry.uid(), (int) entry.gid());
            }
        }

        private void xattrs(TarEntry entry, Path path) throws LayerException {
            for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
                String name = xattr.getKey();
                if (name.startsWith("trusted.overlay.") || (!root && !name.startsWith("user."))) {
                    continue; // overlay's markers come from whiteouts only; the rest needs privilege
                }
                try {
                    calls.lsetxattr(path.toString(), name, xattr.getValue());
                } catch (KernelException e) {
                    throw new LayerException(entry.name(), "keeps xattr " + name + " that cannot be set: "
                            + e.getMessage());
                }
            }
        }

        private void times(TarEntry entry, Path path) {
            calls.lutimes(path.toString(), entry.mtimeSeconds(), entry.mtimeNanos());
        }

        /** Directory modes and mtimes go last: adding children changes the mtime, and 0555 would stop them. */
        void finishDirectories() {
            for (int i = directories.size() - 1; i >= 0; i--) {
                Path path = (Path) directories.get(i)[0];
                TarEntry entry = (TarEntry) directories.get(i)[1];
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    calls.chmod(path.toString(), entry.mode());
                    times(entry, path);
                }
            }
        }
    }
}
