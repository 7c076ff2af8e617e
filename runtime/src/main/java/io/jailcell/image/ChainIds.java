package io.jailcell.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids name a stack of layers: the first layer's is its diff id, each next one is
 * {@code sha256(parentChainId + " " + diffId)} (OCI image spec, config.md). Snapshots are keyed by them, so two
 * images that share their bottom layers share those snapshots.
 *
 * <pre>{@code
 * List<Digest> chain = ChainIds.of(config.diffIds());   // one per layer, bottom first
 * }</pre>
 */
public final class ChainIds {
    private ChainIds() {
    }

    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest parent = null;
        for (Digest d : diffIds) {
            parent = parent == null ? d : next(parent, d);
            out.add(parent);
        }
        return out;
    }

    public static Digest next(Digest parent, Digest diffId) {
        return Digest.of((parent + " " + diffId).getBytes(StandardCharsets.US_ASCII));
    }
}
