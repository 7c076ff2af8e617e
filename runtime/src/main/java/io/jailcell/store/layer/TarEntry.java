package io.jailcell.store.layer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member of a tar archive, as {@link TarReader} reads it and {@link TarWriter} writes it. Names use {@code /}
 * and carry no leading {@code ./}; a directory's name has no trailing slash here (the writer adds it).
 * Extended attributes are kept sorted by name, so that writing is deterministic.
 *
 * <pre>{@code
 * TarEntry hello = TarEntry.file("etc/motd", 6).withOwner(0, 0).withMode(0644);
 * TarEntry tool = TarEntry.symlink("usr/bin/vi", "vim");
 * }</pre>
 *
 * @param mode the twelve permission bits (including setuid, setgid, sticky), without the file type
 * @param size the number of content bytes; 0 for everything but {@link Type#FILE}
 * @param mtimeSeconds seconds since the epoch
 * @param mtimeNanos the fraction, 0..999,999,999 (kept when a pax {@code mtime} carries one)
 * @param linkName the target of a symlink or hardlink, else {@code ""}
 */
public record TarEntry(String name, Type type, int mode, long uid, long gid, long size, long mtimeSeconds,
        int mtimeNanos, String linkName, int devMajor, int devMinor, String uname, String gname,
        Map<String, byte[]> xattrs) {

    /** The kinds of member a layer may hold. */
    public enum Type { FILE, DIR, SYMLINK, HARDLINK, CHAR, BLOCK, FIFO }

    public TarEntry {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tar entry needs a name");
        }
        if (size < 0 || (size > 0 && type != Type.FILE)) {
            throw new IllegalArgumentException("entry '" + name + "': size " + size + " for a " + type);
        }
        linkName = linkName == null ? "" : linkName;
        uname = uname == null ? "" : uname;
        gname = gname == null ? "" : gname;
        xattrs = xattrs == null || xattrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(xattrs));
    }

    public static TarEntry file(String name, long size) {
        return new TarEntry(name, Type.FILE, 0644, 0, 0, size, 0, 0, "", 0, 0, "", "", Map.of());
    }

    public static TarEntry dir(String name) {
        return new TarEntry(name, Type.DIR, 0755, 0, 0, 0, 0, 0, "", 0, 0, "", "", Map.of());
    }

    public static TarEntry symlink(String name, String target) {
        return new TarEntry(name, Type.SYMLINK, 0777, 0, 0, 0, 0, 0, target, 0, 0, "", "", Map.of());
    }

    public static TarEntry hardlink(String name, String target) {
        return new TarEntry(name, Type.HARDLINK, 0644, 0, 0, 0, 0, 0, target, 0, 0, "", "", Map.of());
    }

    /** A character or block device, or a fifo ({@code major} and {@code minor} 0). */
    public static TarEntry special(String name, Type type, int major, int minor) {
        return new TarEntry(name, type, 0644, 0, 0, 0, 0, 0, "", major, minor, "", "", Map.of());
    }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, type, mode, uid, gid, size, mtimeSeconds, mtimeNanos, linkName, devMajor,
                devMinor, uname, gname, xattrs);
    }

    public TarEntry withMode(int newMode) {
        return new TarEntry(name, type, newMode, uid, gid, size, mtimeSeconds, mtimeNanos, linkName, devMajor,
                devMinor, uname, gname, xattrs);
    }

    /** The numeric owner; the user and group names are cleared, since they would no longer match. */
    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, size, mtimeSeconds, mtimeNanos, linkName, devMajor,
                devMinor, "", "", xattrs);
    }

    public TarEntry withMtime(long seconds, int nanos) {
        return new TarEntry(name, type, mode, uid, gid, size, seconds, nanos, linkName, devMajor, devMinor, uname,
                gname, xattrs);
    }

    public TarEntry withXattrs(Map<String, byte[]> newXattrs) {
        return new TarEntry(name, type, mode, uid, gid, size, mtimeSeconds, mtimeNanos, linkName, devMajor,
                devMinor, uname, gname, newXattrs);
    }

    public TarEntry withSize(long newSize) {
        return new TarEntry(name, type, mode, uid, gid, newSize, mtimeSeconds, mtimeNanos, linkName, devMajor,
                devMinor, uname, gname, xattrs);
    }

    @Override
    public String toString() {
        return type + " " + name + (linkName.isEmpty() ? "" : " -> " + linkName) + " " + Integer.toOctalString(mode)
                + " " + uid + ":" + gid + " " + size + "B";
    }
}
