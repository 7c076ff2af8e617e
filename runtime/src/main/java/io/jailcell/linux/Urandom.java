package io.jailcell.linux;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/**
 * Random bytes straight from the kernel's {@code /dev/urandom}: what SecureRandom reads too, without loading the
 * JCA providers (milliseconds of every cold CLI start).
 */
public final class Urandom {
    private Urandom() {
    }

    /** {@code bytes} random bytes as lowercase hex. */
    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(b, 0, bytes) != bytes) {
                throw new IOException("short read from /dev/urandom");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /dev/urandom: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(b);
    }

    /** A random number in {@code [0, bound)}. */
    public static int below(int bound) {
        return (int) (Long.parseUnsignedLong(hex(7), 16) % bound);
    }
}
