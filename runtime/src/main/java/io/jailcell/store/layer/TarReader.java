package io.jailcell.store.layer;

import static io.jailcell.store.layer.TarHeader.BLOCK;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry: ustar, POSIX pax (local {@code x} and global {@code g} headers) and the GNU
 * long name and link records ({@code L}, {@code K}); numbers in octal or base-256. Each header's checksum is
 * verified, and a truncated or garbled stream fails with a {@link TarFormatException} naming the entry and offset.
 *
 * <pre>{@code
 * try (TarReader tar = new TarReader(new BufferedInputStream(Files.newInputStream(path)))) {
 *     for (TarEntry e = tar.next(); e != null; e = tar.next()) {
 *         if (e.type() == TarEntry.Type.FILE) {
 *             byte[] data = tar.content().readAllBytes();
 *         }
 *     }
 * }
 * }</pre>
 */
public final class TarReader implements AutoCloseable {
    /** A pax or GNU long-name header larger than this is refused rather than read into memory. */
    private static final int MAX_META_SIZE = 16 << 20;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long position;
    private long remaining;
    private long padding;
    private TarEntry current;
    private long currentOffset;
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, skipping what is left of the current one's content; null after the end-of-archive marker. */
    public TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        current = null;
        Map<String, byte[]> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            currentOffset = position;
            if (!readHeader()) {
                ended = true;
                return null;
            }
            long size = number(TarHeader.SIZE, 12, "size");
            if (size < 0) {
                throw failure("negative size " + size + " in the header"); // base-256 can say so
            }
            byte flag = header[TarHeader.TYPEFLAG];
            if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K') {
                byte[] data = readMeta(size, flag);
                if (flag == 'x') {
                    pax.putAll(parsePax(data));
                } else if (flag == 'g') {
                    globalPax.putAll(parsePax(data));
                } else if (flag == 'L') {
                    longName = cString(data);
                } else {
                    longLink = cString(data);
                }
                continue;
            }
            Map<String, byte[]> merged = new HashMap<>(globalPax);
            merged.putAll(pax);
            current = TarEntryDecoder.decode(header, merged, longName, longLink, this::failure);
            long dataSize = current.type() == TarEntry.Type.FILE ? current.size() : paxSize(merged, size);
            remaining = dataSize;
            padding = padding(dataSize);
            return current;
        }
    }

    /** The content of the current entry; reading stops at its end. Valid until the next call of {@link #next()}. */
    public InputStream content() {
        TarEntry entry = current;
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (entry != current || remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw failure("truncated, " + remaining + " of " + entry.size() + " content bytes missing");
                }
                remaining -= n;
                position += n;
                return n;
            }
        };
    }

    /** How many bytes of the stream have been consumed so far. */
    public long offset() {
        return position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean readHeader() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        position += n;
        if (n == 0) {
            return false; // no end-of-archive marker: GNU tar accepts that too
        }
        if (n < BLOCK) {
            throw new TarFormatException(null, currentOffset, "truncated header, " + n + " of 512 bytes");
        }
        if (TarHeader.isZero(header)) {
            in.readNBytes(header, 0, BLOCK); // the second zero block, if any; trailing padding stays unread
            position += BLOCK;
            return false;
        }
        long stored;
        try {
            stored = TarHeader.number(header, TarHeader.CHKSUM, 8);
        } catch (NumberFormatException e) {
            throw new TarFormatException(null, currentOffset, "not a tar header (checksum field unreadable)");
        }
        if (stored != TarHeader.checksum(header) && stored != TarHeader.signedChecksum(header)) {
            String name = TarHeader.string(header, 0, 100);
            throw new TarFormatException(name.isEmpty() ? null : name, currentOffset,
                    "header checksum mismatch (stored " + stored + ", computed " + TarHeader.checksum(header)
                            + "): not a tar stream or corrupted");
        }
        return true;
    }

    private long number(int offset, int length, String field) throws TarFormatException {
        try {
            return TarHeader.number(header, offset, length);
        } catch (NumberFormatException e) {
            throw failure("bad " + field + " field: " + e.getMessage());
        }
    }

    private byte[] readMeta(long size, byte flag) throws IOException {
        if (size < 0 || size > MAX_META_SIZE) {
            throw failure("'" + (char) flag + "' header of " + size + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) size);
        position += data.length;
        if (data.length < size) {
            throw failure("truncated '" + (char) flag + "' header data");
        }
        skip(padding(size));
        return data;
    }

    private Map<String, byte[]> parsePax(byte[] data) throws TarFormatException {
        try {
            return PaxRecords.parse(data);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
    }

    private long paxSize(Map<String, byte[]> pax, long headerSize) throws TarFormatException {
        byte[] value = pax.get("size");
        if (value == null) {
            return headerSize;
        }
        long size;
        try {
            size = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw failure("bad pax size");
        }
        if (size < 0) {
            throw failure("negative pax size " + size);
        }
        return size;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw failure("truncated, stream ends " + left + " bytes before the entry's end");
                }
                skipped = 1;
            }
            left -= skipped;
            position += skipped;
        }
    }

    private TarFormatException failure(String problem) {
        String name = current != null ? current.name() : TarHeader.string(header, 0, 100);
        return new TarFormatException(name.isEmpty() ? null : name, currentOffset, problem);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
