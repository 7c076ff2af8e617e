package io.jailcell.build;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.History;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where one stage of a build stands: its image so far, the cache key of its last step, the ARGs in scope. */
final class StageState {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    ImageConfig config;
    final List<Descriptor> layers = new ArrayList<>();
    Digest cacheKey;
    /** ARGs declared in this stage, with their values. */
    final Map<String, String> args = new LinkedHashMap<>();
    /** Whether CMD was set in this stage (an ENTRYPOINT then keeps it; otherwise ENTRYPOINT clears it). */
    boolean cmdSetHere;

    StageState(ImageConfig base, List<Descriptor> baseLayers, Digest baseKey) {
        this.config = base;
        this.layers.addAll(baseLayers);
        this.cacheKey = baseKey;
    }

    RunConfig run() {
        return config.config();
    }

    void run(RunConfig c) {
        config = config.withConfig(c);
    }

    List<Digest> chain() {
        return ChainIds.of(config.diffIds());
    }

    List<String> shell() {
        List<String> s = run().shell();
        return s == null || s.isEmpty() ? DEFAULT_SHELL : s;
    }

    /** Variables word expansion sees: the stage's ARGs, overridden by its ENV (Docker's precedence). */
    Map<String, String> expansionEnv() {
        Map<String, String> m = new LinkedHashMap<>(args);
        for (String e : run().env()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                m.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return m;
    }

    /** The environment of a RUN step: ENV, plus ARGs not shadowed by it. */
    List<String> runEnv() {
        List<String> env = new ArrayList<>(run().env());
        for (Map.Entry<String, String> a : args.entrySet()) {
            if (run().envValue(a.getKey()) == null) {
                env.add(a.getKey() + "=" + a.getValue());
            }
        }
        return env;
    }

    void history(String createdBy, String created, boolean emptyLayer) {
        config = config.plus(new History(created, createdBy, "jailcell build", emptyLayer), null);
    }

    void addLayer(Descriptor blob, Digest diffId, String createdBy, String created) {
        layers.add(blob);
        config = config.plus(new History(created, createdBy, "jailcell build", false), diffId);
    }
}
