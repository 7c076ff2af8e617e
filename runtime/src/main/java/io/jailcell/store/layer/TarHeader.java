package io.jailcell.store.layer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The 512-byte ustar header block: field offsets, numbers in octal or base-256, and the checksum. */
final class TarHeader {
    static final int BLOCK = 512;

    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHKSUM = 148;
    static final int TYPEFLAG = 156;
    static final int LINKNAME = 157;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int UNAME = 265;
    static final int GNAME = 297;
    static final int DEVMAJOR = 329;
    static final int DEVMINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;

    static final byte[] USTAR_MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GNU_MAGIC = "ustar ".getBytes(StandardCharsets.US_ASCII);

    private TarHeader() {
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean hasMagic(byte[] block, byte[] magic) {
        return Arrays.equals(block, MAGIC, MAGIC + 6, magic, 0, 6);
    }

    /** The bytes up to the first NUL (or the whole field), as UTF-8. */
    static String string(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    /**
     * A numeric field: octal digits padded with spaces or NULs, or GNU base-256 (high bit of the first byte set;
     * the next bit is the sign, as two's complement).
     */
    static long number(byte[] block, int offset, int length) {
        if ((block[offset] & 0x80) != 0) {
            long value = (block[offset] & 0x40) != 0 ? -1 : 0;
            value = (value << 6) | (block[offset] & 0x3f);
            for (int i = offset + 1; i < offset + length; i++) {
                if ((value >> 55) != (value >> 63)) {
                    throw new NumberFormatException("base-256 number does not fit 63 bits");
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        long value = 0;
        boolean digits = false;
        for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new NumberFormatException("'" + string(block, offset, length).trim() + "' is not octal");
            }
            if ((value >>> 60) != 0) {
                throw new NumberFormatException("octal number does not fit 63 bits");
            }
            value = (value << 3) | digit;
            digits = true;
        }
        for (; i < end; i++) {
            if (block[i] != ' ' && block[i] != 0) {
                throw new NumberFormatException("garbage after octal number");
            }
        }
        return digits ? value : 0;
    }

    /** True if {@code value} fits the field as octal digits followed by a NUL. */
    static boolean fitsOctal(long value, int length) {
        return value >= 0 && value < (1L << (3 * (length - 1)));
    }

    static void putOctal(byte[] block, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int pad = length - 1 - digits.length();
        Arrays.fill(block, offset, offset + pad, (byte) '0');
        for (int i = 0; i < digits.length(); i++) {
            block[offset + pad + i] = (byte) digits.charAt(i);
        }
        block[offset + length - 1] = 0;
    }

    /** Octal when it fits, else base-256 (which GNU tar, Go and libarchive all read). */
    static void putNumber(byte[] block, int offset, int length, long value) {
        if (fitsOctal(value, length)) {
            putOctal(block, offset, length, value);
            return;
        }
        long v = value;
        for (int i = offset + length - 1; i > offset; i--) {
            block[i] = (byte) v;
            v >>= 8;
        }
        block[offset] = (byte) (value < 0 ? 0xff : 0x80);
    }

    static void putString(byte[] block, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
    }

    /** The sum of all bytes, unsigned, with the checksum field read as eight spaces. */
    static long checksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= CHKSUM && i < CHKSUM + 8) ? ' ' : (block[i] & 0xff);
        }
        return sum;
    }

    /** The same sum over signed bytes: some old tars (Sun, early GNU) computed it that way. */
    static long signedChecksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= CHKSUM && i < CHKSUM + 8) ? ' ' : block[i];
        }
        return sum;
    }

    static void putChecksum(byte[] block) {
        String digits = Long.toOctalString(checksum(block));
        String field = "000000".substring(digits.length()) + digits;
        for (int i = 0; i < 6; i++) {
            block[CHKSUM + i] = (byte) field.charAt(i);
        }
        block[CHKSUM + 6] = 0;
        block[CHKSUM + 7] = ' ';
    }
}
