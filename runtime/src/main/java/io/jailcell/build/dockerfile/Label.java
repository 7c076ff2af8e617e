package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code LABEL k=v "k 2"="v 2"} (or the legacy {@code LABEL k value}). Keys and values are as written; expand them.
 *
 * <pre>{@code
 * label.pairs().get(0).key();   // "org.opencontainers.image.title"
 * }</pre>
 */
public record Label(Location location, String original, List<KeyValue> pairs, boolean legacyForm)
        implements Instruction {
    public Label {
        pairs = List.copyOf(pairs);
    }

    @Override
    public Keyword keyword() {
        return Keyword.LABEL;
    }
}
