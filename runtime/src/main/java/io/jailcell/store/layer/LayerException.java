package io.jailcell.store.layer;

import java.io.IOException;

/**
 * A layer that cannot be applied as it is, e.g. {@code "layer entry '../../etc/passwd' escapes the root: refused"}.
 * Nothing has been written outside the target directory when it is thrown; the target itself is half-applied and
 * should be discarded.
 */
public class LayerException extends IOException {
    public LayerException(String entry, String problem) {
        super("layer entry '" + entry + "' " + problem);
    }

    /** A problem with the layer as a whole, not one entry. */
    public LayerException(String message) {
        super(message);
    }
}
