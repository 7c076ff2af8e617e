package io.jailcell.store.layer;

import io.jailcell.linux.Host;
import io.jailcell.linux.fs.FileCalls;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * A cheap copy of a snapshot for a copying snapshotter: directories, symlinks and special files are recreated with
 * their owner, mode, xattrs and mtime, and regular files are hard-linked. The copy therefore shares inodes with
 * the original, and whoever writes into it must replace files rather than change them in place (as
 * {@link LayerApplier} in {@code FLATTEN} mode does).
 *
 * <pre>{@code
 * HardlinkCopy.copy(snapshots.resolve(parentChainId), snapshots.resolve(chainId));
 * new LayerApplier(LayerApplier.WhiteoutMode.FLATTEN).applyBlob(blob, snapshots.resolve(chainId));
 * }</pre>
 */
public final class HardlinkCopy {
    private HardlinkCopy() {
    }

    /** Copies the tree at {@code from} to {@code to}, which must not exist yet. */
    public static void copy(Path from, Path to) throws IOException {
        FileCalls calls = FileCalls.system();
        boolean root = Host.isRoot();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectory(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = to.resolve(from.relativize(file).toString());
                if (attrs.isRegularFile()) {
                    Files.createLink(copy, file);
                    return FileVisitResult.CONTINUE;
                }
                FileMeta meta = FileMeta.read(file);
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                } else {
                    int format = meta.type() == TarEntry.Type.CHAR ? FileCalls.S_IFCHR
                            : meta.type() == TarEntry.Type.BLOCK ? FileCalls.S_IFBLK : FileCalls.S_IFIFO;
                    calls.mknod(copy.toString(), format | (meta.mode() & 0777), meta.rdevMajor(), meta.rdevMinor());
                }
                copyMetadata(calls, root, file, copy, meta);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                copyMetadata(calls, root, dir, to.resolve(from.relativize(dir).toString()), FileMeta.read(dir));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyMetadata(FileCalls calls, boolean root, Path source, Path copy, FileMeta meta) {
        String path = copy.toString();
        if (root) {
            calls.lchown(path, meta.uid(), meta.gid());
        }
        if (meta.type() != TarEntry.Type.SYMLINK) {
            calls.chmod(path, meta.mode());
        }
        for (Map.Entry<String, byte[]> xattr : xattrsOf(calls, source).entrySet()) {
            if (root || xattr.getKey().startsWith("user.")) {
                calls.lsetxattr(path, xattr.getKey(), xattr.getValue());
            }
        }
        calls.lutimes(path, meta.mtimeSeconds(), meta.mtimeNanos());
    }

    /** All xattrs, overlay's included: a copied lowerdir must keep its whiteout and opaque markers. */
    private static Map<String, byte[]> xattrsOf(FileCalls calls, Path path) {
        Map<String, byte[]> xattrs = new java.util.TreeMap<>();
        for (String name : calls.llistxattr(path.toString())) {
            byte[] value = calls.lgetxattr(path.toString(), name);
            if (value != null) {
                xattrs.put(name, value);
            }
        }
        return xattrs;
    }
}
