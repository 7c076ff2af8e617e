package io.jailcell.store.layer;

import io.jailcell.linux.fs.FileCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What {@code lstat} says about a file, read through NIO's "unix" view, as tar needs it. */
record FileMeta(TarEntry.Type type, int mode, int uid, int gid, long size, long mtimeSeconds, int mtimeNanos,
        long dev, long ino, int nlink, int rdevMajor, int rdevMinor) {

    private static final int S_IFMT = 0170000;

    static FileMeta read(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,dev,ino,nlink,rdev",
                LinkOption.NOFOLLOW_LINKS);
        int rawMode = (Integer) a.get("mode");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        long totalNanos = mtime.to(TimeUnit.NANOSECONDS);
        long seconds = Math.floorDiv(totalNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(totalNanos, 1_000_000_000L);
        long rdev = (Long) a.get("rdev");
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        return new FileMeta(type(rawMode & S_IFMT, path), rawMode & 07777, (Integer) a.get("uid"),
                (Integer) a.get("gid"), (Long) a.get("size"), seconds, nanos, (Long) a.get("dev"),
                (Long) a.get("ino"), (Integer) a.get("nlink"), major, minor);
    }

    /** An overlayfs whiteout: a character device 0/0. */
    boolean isWhiteout() {
        return type == TarEntry.Type.CHAR && rdevMajor == 0 && rdevMinor == 0;
    }

    /** The tar entry for this file (a regular file with its size, a device with its numbers). */
    TarEntry toEntry(String name, String linkName, Map<String, byte[]> xattrs) {
        return new TarEntry(name, type, mode, uid, gid, type == TarEntry.Type.FILE ? size : 0, mtimeSeconds,
                mtimeNanos, linkName, rdevMajor, rdevMinor, "", "", xattrs);
    }

    /** The file's xattrs without overlayfs's own ({@code trusted.overlay.*}), which describe the mount, not the file. */
    static Map<String, byte[]> xattrs(FileCalls calls, Path path) {
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (String name : calls.llistxattr(path.toString())) {
            if (!name.startsWith("trusted.overlay.")) {
                byte[] value = calls.lgetxattr(path.toString(), name);
                if (value != null) {
                    xattrs.put(name, value);
                }
            }
        }
        return xattrs;
    }

    private static TarEntry.Type type(int format, Path path) throws IOException {
        switch (format) {
            case 0100000:
                return TarEntry.Type.FILE;
            case 0040000:
                return TarEntry.Type.DIR;
            case 0120000:
                return TarEntry.Type.SYMLINK;
            case 0020000:
                return TarEntry.Type.CHAR;
            case 0060000:
                return TarEntry.Type.BLOCK;
            case 0010000:
                return TarEntry.Type.FIFO;
            default:
                throw new IOException(path + ": sockets and other special files cannot go into a layer");
        }
    }
}
