package io.jailcell.registry;

/**
 * Progress of the blobs of one pull or push, called from the transfer threads (several at once).
 *
 * <pre>{@code
 * Progress l = new Progress() {
 *     public void done(String digest, long size, boolean skipped) {
 *         System.out.println(digest + (skipped ? " already there" : " done"));
 *     }
 * };
 * }</pre>
 */
public interface Progress {
    Progress SILENT = new Progress() {
    };

    /** A blob starts to move ({@code size} bytes). */
    default void started(String digest, long size) {
    }

    /** {@code done} of {@code size} bytes moved so far. */
    default void progress(String digest, long done, long size) {
    }

    /** A blob is finished; {@code skipped} when it was there already (in the store, or in the registry). */
    default void done(String digest, long size, boolean skipped) {
    }
}
