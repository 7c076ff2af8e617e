package io.jailcell.store.archive;

import io.jailcell.store.StoreException;

/** An archive that cannot be saved or loaded: truncated, damaged, or not an image archive at all. */
public class ArchiveException extends StoreException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
