package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Set;

/**
 * The result of {@link ShellWords#expandTracking}: the expanded text, its words, and the variable names it
 * referred to.
 *
 * <pre>{@code
 * Expansion e = ShellWords.standard().expandTracking("${A}-${B:-x}", Map.of("A", "1"));
 * e.value();   // "1-x"
 * e.used();    // [A, B]  (in order of first use)
 * e.unset();   // [B]
 * }</pre>
 *
 * @param value the expanded text, quotes removed, not split
 * @param words the same text split into words as {@link ShellWords#expandWords} does
 * @param used  every variable looked up, set or not, in order of first use
 * @param unset the variables looked up that were not set
 */
public record Expansion(String value, List<String> words, Set<String> used, Set<String> unset) {
    public Expansion {
        words = List.copyOf(words);
        used = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(used));
        unset = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(unset));
    }
}
