package io.jailcell.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest as OCI writes it, {@code sha256:<64 hex>}. Only sha256 is accepted: it is what every
 * registry and engine produces, and refusing the rest keeps paths made from digests safe.
 *
 * <pre>{@code
 * Digest d = Digest.of("hello".getBytes(UTF_8));
 * d.hex();      // "2cf24d...", the file name under blobs/sha256/
 * }</pre>
 */
public final class Digest implements Comparable<Digest> {
    private static final HexFormat HEX = HexFormat.of();
    // Up to this size a plain-Java hash beats loading the JCA providers (see Sha256).
    private static final int SMALL = 64 * 1024;
    private final String hex;

    private Digest(String hex) {
        this.hex = hex;
    }

    /** Parses {@code sha256:HEX}; anything else is an {@link ImageFormatException} that shows the text. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new ImageFormatException("unsupported digest '" + text + "': expected sha256:<64 hex digits>");
        }
        return ofHex(text.substring(7));
    }

    /** A digest from its 64 lower-case hex digits. */
    public static Digest ofHex(String hex) {
        if (hex.length() != 64) {
            throw new ImageFormatException("bad sha256 digest '" + hex + "': expected 64 hex digits");
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new ImageFormatException("bad sha256 digest '" + hex + "': expected lower-case hex digits");
            }
        }
        return new Digest(hex);
    }

    /** The digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        return fromHash(bytes.length <= SMALL ? Sha256.hash(bytes) : sha256().digest(bytes));
    }

    /** The digest of a finished hash. */
    public static Digest fromHash(byte[] sha256) {
        return new Digest(HEX.formatHex(sha256));
    }

    /** A fresh SHA-256 hasher. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public String hex() {
        return hex;
    }

    /** The first 12 hex digits, as {@code docker images} shows an id. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && d.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public int compareTo(Digest o) {
        return hex.compareTo(o.hex);
    }
}
