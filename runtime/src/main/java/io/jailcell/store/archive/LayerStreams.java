package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.store.Blobs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/** Layer blobs as uncompressed tars: gzip is sniffed from the content, not trusted from the media type. */
final class LayerStreams {
    private LayerStreams() {
    }

    /** The uncompressed size of a verified layer; the tar must hash to {@code diffId}. */
    record Uncompressed(long size, boolean gzip) {
    }

    static boolean isGzip(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(2);
        return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }

    static boolean isZstd(byte[] magic) {
        return magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd;
    }

    /** Reads the layer once to learn its uncompressed size and check its diff id. */
    static Uncompressed measure(Blobs blobs, Descriptor layer, Digest diffId) throws IOException {
        byte[] magic;
        try (InputStream in = blobs.open(layer.digest())) {
            magic = in.readNBytes(4);
        }
        if (isZstd(magic)) {
            throw new ArchiveException("layer " + layer.digest() + " is zstd-compressed, which jailcell cannot "
                    + "decompress yet; save it as oci-archive instead");
        }
        boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (!gzip) {
            if (!layer.digest().equals(diffId)) {
                throw new ArchiveException("layer " + layer.digest() + " is an uncompressed tar but its config "
                        + "names diff id " + diffId + "; the image is damaged: pull or build it again");
            }
            return new Uncompressed(blobs.size(layer.digest()), false);
        }
        try (InputStream in = open(blobs, layer.digest(), true)) {
            Hashed h = hash(in);
            if (!h.digest().equals(diffId)) {
                throw new ArchiveException("layer " + layer.digest() + " decompresses to " + h.digest()
                        + " but its config names diff id " + diffId + "; the image is damaged: pull or build it again");
            }
            return new Uncompressed(h.size(), true);
        }
    }

    /** The blob's content, decompressed when {@code gzip}. */
    static InputStream open(Blobs blobs, Digest d, boolean gzip) throws IOException {
        InputStream in = blobs.open(d);
        return gzip ? new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** A digest and a byte count. */
    record Hashed(Digest digest, long size) {
    }

    /** Reads {@code in} to its end. */
    static Hashed hash(InputStream in) throws IOException {
        MessageDigest md = Digest.sha256();
        long n;
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            n = d.transferTo(OutputStream.nullOutputStream());
        }
        return new Hashed(Digest.fromHash(md.digest()), n);
    }
}
