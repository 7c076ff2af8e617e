package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code ENV k=v k2="v 2"} or the legacy {@code ENV k the rest of the line}. Expand keys and values in order: a
 * later pair of the same instruction does not see an earlier one (Docker expands them all with the environment
 * from before the instruction).
 *
 * <pre>{@code
 * for (KeyValue kv : env.pairs()) {
 *     newEnv.put(words.expand(kv.key(), oldEnv), words.expand(kv.value(), oldEnv));
 * }
 * }</pre>
 *
 * @param legacyForm true for {@code ENV key value} (no {@code =})
 */
public record Env(Location location, String original, List<KeyValue> pairs, boolean legacyForm)
        implements Instruction {
    public Env {
        pairs = List.copyOf(pairs);
    }

    @Override
    public Keyword keyword() {
        return Keyword.ENV;
    }
}
