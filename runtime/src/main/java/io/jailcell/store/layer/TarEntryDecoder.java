package io.jailcell.store.layer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns a header block plus the pax records and GNU long names that preceded it into a {@link TarEntry}. */
final class TarEntryDecoder {
    private static final String SCHILY_XATTR = "SCHILY.xattr.";
    private static final String LIBARCHIVE_XATTR = "LIBARCHIVE.xattr.";

    private TarEntryDecoder() {
    }

    static TarEntry decode(byte[] h, Map<String, byte[]> pax, String longName, String longLink,
            Function<String, TarFormatException> failure) throws TarFormatException {
        String name = TarHeader.string(h, TarHeader.NAME, TarHeader.NAME_LEN);
        if (TarHeader.hasMagic(h, TarHeader.USTAR_MAGIC)) {
            String prefix = TarHeader.string(h, TarHeader.PREFIX, TarHeader.PREFIX_LEN);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        name = text(pax, "path", longName != null ? longName : name);
        String link = text(pax, "linkpath", longLink != null ? longLink : TarHeader.string(h, TarHeader.LINKNAME, 100));
        if (name.indexOf('\0') >= 0 || link.indexOf('\0') >= 0) {
            // only a pax record can carry one; no path can hold it (Path.of would throw InvalidPathException)
            throw failure.apply("pax " + (name.indexOf('\0') >= 0 ? "path" : "linkpath") + " contains a NUL byte");
        }
        TarEntry.Type type = type(h[TarHeader.TYPEFLAG], name, failure);
        while (name.length() > 1 && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            throw failure.apply("entry without a name");
        }
        try {
            int mode = (int) (TarHeader.number(h, TarHeader.MODE, 8) & 07777);
            long uid = paxNumber(pax, "uid", TarHeader.number(h, TarHeader.UID, 8));
            long gid = paxNumber(pax, "gid", TarHeader.number(h, TarHeader.GID, 8));
            long size = paxNumber(pax, "size", TarHeader.number(h, TarHeader.SIZE, 12));
            long seconds = TarHeader.number(h, TarHeader.MTIME, 12);
            int nanos = 0;
            byte[] mtime = pax.get("mtime");
            if (mtime != null) {
                long[] time = paxTime(new String(mtime, StandardCharsets.US_ASCII));
                seconds = time[0];
                nanos = (int) time[1];
            }
            int major = 0;
            int minor = 0;
            if (type == TarEntry.Type.CHAR || type == TarEntry.Type.BLOCK) {
                major = (int) paxNumber(pax, "SCHILY.devmajor", TarHeader.number(h, TarHeader.DEVMAJOR, 8));
                minor = (int) paxNumber(pax, "SCHILY.devminor", TarHeader.number(h, TarHeader.DEVMINOR, 8));
            }
            String uname = text(pax, "uname", TarHeader.string(h, TarHeader.UNAME, 32));
            String gname = text(pax, "gname", TarHeader.string(h, TarHeader.GNAME, 32));
            if (type != TarEntry.Type.FILE) {
                size = 0; // links, dirs and devices have no content, whatever the size field says
            }
            if (type != TarEntry.Type.SYMLINK && type != TarEntry.Type.HARDLINK) {
                link = "";
            }
            return new TarEntry(name, type, mode, uid, gid, size, seconds, nanos, link, major, minor, uname, gname,
                    xattrs(pax));
        } catch (NumberFormatException | ArithmeticException e) {
            throw failure.apply("bad numeric field: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw failure.apply(e.getMessage());
        }
    }

    private static TarEntry.Type type(byte flag, String name, Function<String, TarFormatException> failure)
            throws TarFormatException {
        switch (flag) {
            case 0:
            case '0':
            case '7':
                return name.endsWith("/") ? TarEntry.Type.DIR : TarEntry.Type.FILE;
            case '1':
                return TarEntry.Type.HARDLINK;
            case '2':
                return TarEntry.Type.SYMLINK;
            case '3':
                return TarEntry.Type.CHAR;
            case '4':
                return TarEntry.Type.BLOCK;
            case '5':
                return TarEntry.Type.DIR;
            case '6':
                return TarEntry.Type.FIFO;
            default:
                throw failure.apply("unsupported entry type '" + (char) flag + "'");
        }
    }

    private static Map<String, byte[]> xattrs(Map<String, byte[]> pax) {
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            String key = record.getKey();
            if (key.startsWith(SCHILY_XATTR)) {
                xattrs.put(key.substring(SCHILY_XATTR.length()), record.getValue());
            } else if (key.startsWith(LIBARCHIVE_XATTR)) {
                String attr = URLDecoder.decode(key.substring(LIBARCHIVE_XATTR.length()), StandardCharsets.UTF_8);
                String base64 = new String(record.getValue(), StandardCharsets.US_ASCII).trim();
                xattrs.putIfAbsent(attr, Base64.getMimeDecoder().decode(base64));
            }
        }
        return xattrs;
    }

    private static String text(Map<String, byte[]> pax, String key, String fallback) {
        byte[] value = pax.get(key);
        return value == null ? fallback : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * A pax time, {@code [-]seconds[.fraction]}, as floor seconds and the nanoseconds above them. Read by hand:
     * BigDecimal would also take exponents, and scaling a pax mtime of {@code 1e9999999} took 20 s.
     */
    static long[] paxTime(String text) {
        boolean negative = text.startsWith("-");
        int dot = text.indexOf('.');
        String whole = text.substring(negative ? 1 : 0, dot < 0 ? text.length() : dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || !digits(whole) || !digits(fraction)) {
            throw new NumberFormatException("bad pax time '" + text + "'");
        }
        long seconds = Long.parseLong(whole);
        String first9 = fraction.length() > 9 ? fraction.substring(0, 9) : fraction + "000000000".substring(fraction.length());
        long nanos = Long.parseLong(first9);
        boolean more = false;
        for (int i = 9; i < fraction.length(); i++) {
            more |= fraction.charAt(i) != '0';
        }
        if (!negative || (nanos == 0 && !more)) {
            return new long[] {negative ? -seconds : seconds, nanos};
        }
        return new long[] {-seconds - 1, 1_000_000_000L - nanos - (more ? 1 : 0)};
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long paxNumber(Map<String, byte[]> pax, String key, long fallback) {
        byte[] value = pax.get(key);
        return value == null ? fallback : Long.parseLong(new String(value, StandardCharsets.US_ASCII).trim());
    }
}
