package io.jailcell.build;

import io.jailcell.build.dockerfile.FileTransfer;
import io.jailcell.build.dockerfile.Run;
import io.jailcell.container.ContainerEngine;
import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.store.Blobs;
import io.jailcell.store.LocalImages;
import io.jailcell.store.SnapshotView;
import io.jailcell.store.layer.LayerEntry;
import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The steps that make layers. Each first computes its cache key; a hit reuses the cached layer (unpacking its
 * snapshot if garbage collection took it), a miss runs the step and caches what it made.
 *
 * <pre>{@code
 * StepRunner steps = new StepRunner(engine, local);
 * }</pre>
 */
public final class StepRunner {
    private final LocalImages local;
    private final BuildCache cache;
    private final RunStep runs;

    public StepRunner(ContainerEngine engine, LocalImages local) {
        this.local = local;
        this.cache = new BuildCache(local.root().buildCache(), local.images().blobs());
        this.runs = new RunStep(engine, local);
        RunStep.removeLeftovers(engine);
    }

    /** The blobs the build cache keeps from garbage collection. */
    public static java.util.Set<Digest> cachedBlobs(LocalImages local) {
        return BuildCache.referencedBlobs(local.root().buildCache());
    }

    /** Forgets the build cache; returns how many entries it had. */
    public static int pruneCache(LocalImages local) {
        return BuildCache.clear(local.root().buildCache());
    }

    Descriptor run(Run run, StepContext c) {
        checkDepth(run, c);
        StageState st = c.state;
        List<String> argv = RunStep.argv(run, st.shell());
        String createdBy = "RUN " + String.join(" ", argv);
        Digest key = BuildCache.key(st.cacheKey, "RUN", argv.toString(), run.flags().byName().toString(),
                st.runEnv().toString(), String.valueOf(st.run().user()), String.valueOf(st.run().workingDir()));
        BuildCache.Layer hit = c.options.noCache() ? null : cache.get(key);
        if (hit == null) {
            List<Path> lower = lowerDirs(st);
            Blobs.Layer made = runs.execute(run, argv, st, lower, c, ChainIds.of(st.config.diffIds()));
            hit = new BuildCache.Layer(made.blob(), made.diffId());
            cache.put(key, hit);
        } else {
            c.cacheHit = true;
            c.options.progress().cached(hit.blob().digest().toString());
        }
        return commit(st, key, hit, createdBy, c.created);
    }

    Descriptor copy(FileTransfer t, StepContext c) {
        checkDepth(t, c);
        StageState st = c.state;
        SnapshotView view = new SnapshotView(lowerDirs(st));
        CopySources.Collected sources = CopySources.collect(t, c, view, local);
        Digest key = BuildCache.key(st.cacheKey, t.keyword().name(), sources.fingerprint());
        BuildCache.Layer hit = c.options.noCache() ? null : cache.get(key);
        if (hit == null) {
            try {
                Blobs.Layer made = writeLayer(sources.entries(), c.options.epochSeconds());
                hit = new BuildCache.Layer(made.blob(), made.diffId());
                cache.put(key, hit);
            } finally {
                for (Path p : sources.scratch()) {
                    io.jailcell.store.Trees.delete(p);
                }
            }
        } else {
            for (Path p : sources.scratch()) {
                io.jailcell.store.Trees.delete(p);
            }
            c.cacheHit = true;
            c.options.progress().cached(hit.blob().digest().toString());
        }
        return commit(st, key, hit, sources.createdBy(), c.created);
    }

    /** An image deeper than overlayfs stacks could not run: the step that would make it fails instead. */
    private static void checkDepth(io.jailcell.build.dockerfile.Instruction step, StepContext c) {
        int layers = c.state.layers.size();
        if (layers >= io.jailcell.container.ContainerConfig.MAX_LAYERS) {
            throw new BuildException(ImageBuild.where(c.dockerfile, step) + "this step would make layer "
                    + (layers + 1) + ", and containers stack at most " + io.jailcell.container.ContainerConfig.MAX_LAYERS
                    + " (overlayfs's limit): join RUN steps with &&, or copy a directory in one COPY");
        }
    }

    private Blobs.Layer writeLayer(List<LayerEntry> entries, long epoch) {
        return local.images().blobs().putLayer(LayerWriter.fromEntries(entries,
                LayerOptions.reproducible().withMtime(epoch)));
    }

    private Descriptor commit(StageState st, Digest key, BuildCache.Layer layer, String createdBy, String created) {
        List<Digest> before = ChainIds.of(st.config.diffIds());
        Digest parent = before.isEmpty() ? null : before.get(before.size() - 1);
        Digest chain = parent == null ? layer.diffId() : ChainIds.next(parent, layer.diffId());
        local.snapshots().ensure(chain, parent, layer.blob(), layer.diffId(), local.images().blobs());
        st.addLayer(layer.blob(), layer.diffId(), createdBy, created);
        st.cacheKey = key;
        return layer.blob();
    }

    /** The stage's snapshots, top first, unpacking any that garbage collection took. */
    private List<Path> lowerDirs(StageState st) {
        return lowerDirs(st, local);
    }

    static List<Path> lowerDirs(StageState st, LocalImages local) {
        List<Digest> diffIds = st.config.diffIds();
        List<Digest> chain = ChainIds.of(diffIds);
        for (int i = 0; i < chain.size(); i++) {
            local.snapshots().ensure(chain.get(i), i == 0 ? null : chain.get(i - 1), st.layers.get(i),
                    diffIds.get(i), local.images().blobs());
        }
        return local.snapshots().lowerDirs(chain);
    }
}
