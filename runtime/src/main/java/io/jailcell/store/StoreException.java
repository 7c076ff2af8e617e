package io.jailcell.store;

/** A store operation that cannot be done: a missing or corrupt blob, an unknown image, a bad layer. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
