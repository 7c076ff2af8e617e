package io.jailcell.store.layer;

import java.io.IOException;

/**
 * A tar stream that is truncated or not a tar, with the entry and the byte offset where reading failed, e.g.
 * {@code "tar entry 'usr/bin/env' at byte 10240: truncated, 312 of 1024 content bytes missing"}.
 */
public class TarFormatException extends IOException {
    private final long offset;

    public TarFormatException(String entry, long offset, String problem) {
        super("tar " + (entry == null ? "header" : "entry '" + entry + "'") + " at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Where the failing header starts in the (uncompressed) stream. */
    public long offset() {
        return offset;
    }
}
