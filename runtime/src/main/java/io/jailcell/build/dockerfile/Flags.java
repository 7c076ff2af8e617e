package io.jailcell.build.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name=value} flags written between an instruction keyword and its arguments, quotes removed, not
 * expanded. A boolean flag written without a value ({@code --link}) has the value {@code "true"}. Flags that may
 * repeat ({@code --mount}, {@code --exclude}) keep every value in order.
 *
 * <pre>{@code
 * // COPY --from=build --chmod=755 app /usr/bin/
 * copy.flags().value("from");    // Optional[build]
 * copy.flags().bool("link");     // false
 * run.flags().values("mount");   // [type=cache,target=/root/.m2, ...]
 * }</pre>
 */
public record Flags(Map<String, List<String>> byName) {
    public static final Flags NONE = new Flags(Map.of());

    public Flags {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byName.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byName = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether the flag was written. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The last value written for the flag. */
    public Optional<String> value(String name) {
        List<String> values = byName.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** Every value written for a repeatable flag, in order; empty when not written. */
    public List<String> values(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** A boolean flag: true when written as {@code --name} or {@code --name=true}. */
    public boolean bool(String name) {
        return value(name).map("true"::equals).orElse(false);
    }

    /** The names written, in order. */
    public Set<String> names() {
        return byName.keySet();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
