package io.jailcell.store.layer;

import static io.jailcell.store.layer.TarHeader.BLOCK;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a tar stream: ustar headers, plus a pax {@code x} header when a name or link is longer than 100 bytes, a
 * number does not fit its field, the mtime has a fraction, or the entry has xattrs ({@code SCHILY.xattr.*}). The same
 * entries always give the same bytes: no padding to a record size, pax records sorted, no host-dependent fields.
 *
 * <pre>{@code
 * try (TarWriter tar = new TarWriter(out)) {
 *     tar.write(TarEntry.dir("etc"));
 *     tar.write(TarEntry.file("etc/motd", 3), "hi\n".getBytes());
 * }   // close() writes the end-of-archive marker and closes out
 * }</pre>
 */
public final class TarWriter implements AutoCloseable {
    private static final byte[] ZEROS = new byte[BLOCK * 2];

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** An entry without content: anything but a non-empty {@link TarEntry.Type#FILE}. */
    public void write(TarEntry entry) throws IOException {
        write(entry, InputStream.nullInputStream());
    }

    public void write(TarEntry entry, byte[] content) throws IOException {
        write(entry, new ByteArrayInputStream(content));
    }

    /** Writes the header, then exactly {@code entry.size()} bytes of {@code content}; fewer is an error. */
    public void write(TarEntry entry, InputStream content) throws IOException {
        writeHeaders(entry);
        long left = entry.size();
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("tar entry '" + entry.name() + "': content ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        pad(entry.size());
    }

    /** Writes the end-of-archive marker (two zero blocks) without closing the stream. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(ZEROS);
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void writeHeaders(TarEntry e) throws IOException {
        String name = e.type() == TarEntry.Type.DIR && !e.name().endsWith("/") ? e.name() + "/" : e.name();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = e.linkName().getBytes(StandardCharsets.UTF_8);
        byte[] uname = e.uname().getBytes(StandardCharsets.UTF_8);
        byte[] gname = e.gname().getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> pax = new TreeMap<>();
        if (nameBytes.length > TarHeader.NAME_LEN) {
            pax.put("path", nameBytes);
        }
        if (linkBytes.length > 100) {
            pax.put("linkpath", linkBytes);
        }
        putIfTooLarge(pax, "uid", e.uid(), 8);
        putIfTooLarge(pax, "gid", e.gid(), 8);
        putIfTooLarge(pax, "size", e.size(), 12);
        if (e.mtimeNanos() != 0 || !TarHeader.fitsOctal(e.mtimeSeconds(), 12)) {
            pax.put("mtime", ascii(mtime(e.mtimeSeconds(), e.mtimeNanos())));
        }
        if (uname.length > 32) {
            pax.put("uname", uname);
        }
        if (gname.length > 32) {
            pax.put("gname", gname);
        }
        for (Map.Entry<String, byte[]> xattr : e.xattrs().entrySet()) {
            pax.put("SCHILY.xattr." + xattr.getKey(), xattr.getValue());
        }
        if (!pax.isEmpty()) {
            byte[] records = PaxRecords.format(pax);
            byte[] paxHeader = header(paxName(nameBytes), 'x', 0644, 0, 0, records.length, 0, new byte[0],
                    new byte[0], new byte[0], 0, 0);
            out.write(paxHeader);
            out.write(records);
            pad(records.length);
        }
        out.write(header(nameBytes, typeflag(e.type()), e.mode(), e.uid(), e.gid(), e.size(), e.mtimeSeconds(),
                linkBytes, uname, gname, e.devMajor(), e.devMinor()));
    }

    private static byte[] header(byte[] name, char flag, int mode, long uid, long gid, long size, long mtime,
            byte[] link, byte[] uname, byte[] gname, int major, int minor) {
        byte[] h = new byte[BLOCK];
        TarHeader.putString(h, TarHeader.NAME, TarHeader.NAME_LEN, name);
        TarHeader.putOctal(h, TarHeader.MODE, 8, mode & 07777);
        TarHeader.putNumber(h, TarHeader.UID, 8, uid);
        TarHeader.putNumber(h, TarHeader.GID, 8, gid);
        TarHeader.putNumber(h, TarHeader.SIZE, 12, size);
        TarHeader.putNumber(h, TarHeader.MTIME, 12, mtime);
        h[TarHeader.TYPEFLAG] = (byte) flag;
        TarHeader.putString(h, TarHeader.LINKNAME, 100, link);
        TarHeader.putString(h, TarHeader.MAGIC, 6, TarHeader.USTAR_MAGIC);
        h[TarHeader.VERSION] = '0';
        h[TarHeader.VERSION + 1] = '0';
        TarHeader.putString(h, TarHeader.UNAME, 32, uname);
        TarHeader.putString(h, TarHeader.GNAME, 32, gname);
        TarHeader.putNumber(h, TarHeader.DEVMAJOR, 8, major);
        TarHeader.putNumber(h, TarHeader.DEVMINOR, 8, minor);
        TarHeader.putChecksum(h);
        return h;
    }

    /** Like Go's archive/tar: {@code dir/PaxHeaders.0/base}, cut to fit; readers ignore it. */
    private static byte[] paxName(byte[] name) {
        String full = new String(name, StandardCharsets.UTF_8);
        String trimmed = full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
        int slash = trimmed.lastIndexOf('/');
        String paxName = (slash < 0 ? "" : trimmed.substring(0, slash + 1)) + "PaxHeaders.0/"
                + trimmed.substring(slash + 1);
        byte[] bytes = paxName.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= TarHeader.NAME_LEN ? bytes : java.util.Arrays.copyOf(bytes, TarHeader.NAME_LEN);
    }

    private static void putIfTooLarge(Map<String, byte[]> pax, String key, long value, int fieldLength) {
        if (!TarHeader.fitsOctal(value, fieldLength)) {
            pax.put(key, ascii(Long.toString(value)));
        }
    }

    static String mtime(long seconds, int nanos) {
        if (nanos == 0) {
            return Long.toString(seconds);
        }
        String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
        if (seconds < 0) {
            // -1.25 means 1.25 s before the epoch: seconds -2, nanos 750000000
            long whole = seconds + 1;
            String negFraction = String.format("%09d", 1_000_000_000 - nanos).replaceAll("0+$", "");
            return (whole == 0 ? "-0" : Long.toString(whole)) + "." + negFraction;
        }
        return seconds + "." + fraction;
    }

    private static char typeflag(TarEntry.Type type) {
        switch (type) {
            case FILE:
                return '0';
            case HARDLINK:
                return '1';
            case SYMLINK:
                return '2';
            case CHAR:
                return '3';
            case BLOCK:
                return '4';
            case DIR:
                return '5';
            case FIFO:
                return '6';
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(ZEROS, 0, padding);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
