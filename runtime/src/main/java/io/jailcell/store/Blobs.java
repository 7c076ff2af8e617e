package io.jailcell.store;

import io.jailcell.image.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * The content-addressed blobs of an OCI image layout, {@code blobs/sha256/HEX}. A blob is written to a temporary
 * file, fsynced, checked against its expected digest and renamed into place, so a crash never leaves a blob
 * whose name lies about its content; reads verify the digest as the last byte goes by.
 *
 * <pre>{@code
 * Digest d = blobs.put(Files.readAllBytes(config));
 * byte[] again = blobs.read(d);
 * }</pre>
 */
public final class Blobs {
    private final Path dir;
    private final Path tmp;

    Blobs(Path layout, Path tmp) {
        this.dir = layout.resolve("blobs").resolve("sha256");
        this.tmp = tmp;
    }

    public Path path(Digest d) {
        return dir.resolve(d.hex());
    }

    public boolean has(Digest d) {
        return Files.isRegularFile(path(d));
    }

    public long size(Digest d) {
        try {
            return Files.size(path(d));
        } catch (IOException e) {
            throw missing(d, e);
        }
    }

    /** Stores {@code content}; returns its digest. */
    public Digest put(byte[] content) {
        Digest d = Digest.of(content);
        if (has(d)) {
            return d;
        }
        try {
            Path t = Files.createTempFile(tmp, "blob", ".tmp");
            try {
                Files.write(t, content);
                commit(t, d);
            } finally {
                Files.deleteIfExists(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob " + d + ": " + e.getMessage(), e);
        }
        return d;
    }

    /**
     * Stores a blob streamed in by {@code writer}. When {@code expected} is not null, the content must have that
     * digest, or nothing is kept and a {@link StoreException} says so.
     */
    public Digest put(Digest expected, BlobWriter writer) {
        try (Staged s = stage(expected, writer)) {
            s.commit();
            return s.digest();
        }
    }

    /**
     * Writes a blob streamed in by {@code writer} to a temporary file and verifies it like {@link #put(Digest,
     * BlobWriter)}, but leaves it unnamed and not yet durable: {@link Staged#commit()} fsyncs and names it, and may
     * run on another thread, so that a download goes on while the disk catches up. Closing a staged blob that was
     * not committed deletes it.
     *
     * <pre>{@code
     * Blobs.Staged s = blobs.stage(digest, out -> body.transferTo(out));   // on a download thread
     * syncPool.submit(() -> { try (s) { s.commit(); } });                   // fsync + rename elsewhere
     * }</pre>
     */
    public Staged stage(Digest expected, BlobWriter writer) {
        if (expected != null && has(expected)) {
            return new Staged(null, expected);
        }
        Path t = null;
        try {
            t = Files.createTempFile(tmp, "blob", ".tmp");
            MessageDigest md = Digest.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(t), md)) {
                writer.write(out);
            }
            Digest actual = Digest.fromHash(md.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new StoreException("content does not match its digest: expected " + expected + ", got "
                        + actual + "; nothing was stored");
            }
            Staged s = new Staged(t, actual);
            t = null;
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a blob: " + e.getMessage(), e);
        } finally {
            deleteQuietly(t);
        }
    }

    /** A verified blob in a temporary file, not yet durable or named; see {@link #stage}. */
    public final class Staged implements AutoCloseable {
        private Path file;
        private final Digest digest;
        private boolean committed;

        private Staged(Path file, Digest digest) {
            this.file = file;
            this.digest = digest;
        }

        public Digest digest() {
            return digest;
        }

        /** fsyncs the content, then renames it to its digest: a crash never leaves a named blob half written. */
        public void commit() {
            if (file == null || committed) {
                return;
            }
            try {
                Blobs.this.commit(file, digest);
                committed = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store blob " + digest + ": " + e.getMessage(), e);
            }
        }

        /** Deletes the temporary file if it was not committed (or was stored by someone else meanwhile). */
        @Override
        public void close() {
            deleteQuietly(file);
            file = null;
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is collected with the tmp directory
            }
        }
    }

    /** A layer written into the store: its blob's descriptor and its diff id. */
    public record Layer(io.jailcell.image.Descriptor blob, Digest diffId) {
    }

    /** Writes a layer (gzip'd tar) into the store, computing both digests in one pass. */
    public Layer putLayer(io.jailcell.store.layer.LayerWriter writer) {
        try {
            Path t = Files.createTempFile(tmp, "layer", ".tmp");
            io.jailcell.store.layer.WrittenLayer w;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(t), 1 << 16)) {
                w = writer.writeTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(t);
                throw e;
            }
            Digest digest = Digest.parse(w.digest());
            adopt(t, digest);
            return new Layer(new io.jailcell.image.Descriptor(io.jailcell.image.MediaTypes.OCI_LAYER_GZIP, digest,
                    w.size(), null, null), Digest.parse(w.diffId()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a layer: " + e.getMessage(), e);
        }
    }

    /** Moves a file whose digest the caller computed into the store (the file is consumed). */
    public void adopt(Path file, Digest d) {
        try (Staged s = new Staged(file, d)) {
            s.commit();
        }
    }

    private void commit(Path t, Digest d) throws IOException {
        try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.setPosixFilePermissions(t, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try {
            Files.move(t, path(d), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // the same content, stored by someone else meanwhile
        }
    }

    /** The whole blob, verified. */
    public byte[] read(Digest d) {
        try {
            byte[] b = Files.readAllBytes(path(d));
            Digest actual = Digest.of(b);
            if (!actual.equals(d)) {
                throw corrupt(d, actual);
            }
            return b;
        } catch (IOException e) {
            throw missing(d, e);
        }
    }

    /** A stream over the blob that throws at its end when the content does not match the digest. */
    public InputStream open(Digest d) {
        try {
            InputStream in = Files.newInputStream(path(d));
            MessageDigest md = Digest.sha256();
            return new FilterInputStream(new java.security.DigestInputStream(in, md)) {
                private boolean checked;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b < 0) {
                        check();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n < 0) {
                        check();
                    }
                    return n;
                }

                private void check() {
                    if (!checked) {
                        checked = true;
                        Digest actual = Digest.fromHash(md.digest());
                        if (!actual.equals(d)) {
                            throw corrupt(d, actual);
                        }
                    }
                }
            };
        } catch (IOException e) {
            throw missing(d, e);
        }
    }

    /** Every blob digest present. */
    public List<Digest> list() {
        return DigestNames.in(dir);
    }

    void delete(Digest d) throws IOException {
        Files.deleteIfExists(path(d));
    }

    private static StoreException corrupt(Digest d, Digest actual) {
        return new StoreException("blob " + d + " is corrupt (its content hashes to " + actual
                + "); remove the image that uses it and pull or build it again");
    }

    private static RuntimeException missing(Digest d, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new StoreException("blob " + d + " is missing from the store; pull or build the image again");
        }
        return new UncheckedIOException("cannot read blob " + d + ": " + e.getMessage(), e);
    }

    /** Writes a blob's content. */
    public interface BlobWriter {
        void write(OutputStream out) throws IOException;
    }
}
