package io.jailcell.api;

/**
 * Per-blob progress of a pull or push, for a terminal or a notebook cell that updates in place. Called from the
 * transfer threads, several at once; all methods have empty defaults.
 *
 * <pre>{@code
 * jc.images().pull("127.0.0.1:5000/app:1", RegistryOptions.defaults().listener(new TransferListener() {
 *     public void done(String digest, long size, boolean skipped) {
 *         System.out.println(digest.substring(7, 19) + (skipped ? ": Already exists" : ": Pull complete"));
 *     }
 * }));
 * }</pre>
 */
public interface TransferListener {
    /** A blob ({@code sha256:...}, {@code size} bytes) starts to move. */
    default void started(String digest, long size) {
    }

    /** {@code done} of {@code size} bytes have moved (about every MiB). */
    default void progress(String digest, long done, long size) {
    }

    /** A blob is finished; {@code skipped} when the destination had it already. */
    default void done(String digest, long size, boolean skipped) {
    }
}
