package io.jailcell.linux;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Random bytes straight from the kernel's {@code /dev/urandom}: what SecureRandom reads too, without loading the
 * JCA providers (milliseconds of every cold CLI start). Read ahead in one block that the next calls use up (a
 * container start asks five times: id, name, token), each byte handed out once and then wiped.
 */
public final class Urandom {
    private static final int POOL = 512;
    private static final byte[] pool = new byte[POOL];
    private static int next = POOL;

    private Urandom() {
    }

    /** {@code bytes} random bytes as lowercase hex. */
    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        take(b);
        return HexFormat.of().formatHex(b);
    }

    private static synchronized void take(byte[] b) {
        if (b.length > POOL) {
            read(b);
            return;
        }
        if (POOL - next < b.length) {
            read(pool);
            next = 0;
        }
        System.arraycopy(pool, next, b, 0, b.length);
        Arrays.fill(pool, next, next + b.length, (byte) 0);
        next += b.length;
    }

    private static void read(byte[] b) {
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(b, 0, b.length) != b.length) {
                throw new IOException("short read from /dev/urandom");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /dev/urandom: " + e.getMessage(), e);
        }
    }

    /** A random number in {@code [0, bound)}. */
    public static int below(int bound) {
        return (int) (Long.parseUnsignedLong(hex(7), 16) % bound);
    }
}
