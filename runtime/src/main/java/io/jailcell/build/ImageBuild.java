package io.jailcell.build;

import io.jailcell.build.dockerfile.Arg;
import io.jailcell.build.dockerfile.Cmd;
import io.jailcell.build.dockerfile.Copy;
import io.jailcell.build.dockerfile.Add;
import io.jailcell.build.dockerfile.Dockerfile;
import io.jailcell.build.dockerfile.DockerfileException;
import io.jailcell.build.dockerfile.DockerfileParser;
import io.jailcell.build.dockerfile.Entrypoint;
import io.jailcell.build.dockerfile.Env;
import io.jailcell.build.dockerfile.Expose;
import io.jailcell.build.dockerfile.FileTransfer;
import io.jailcell.build.dockerfile.Healthcheck;
import io.jailcell.build.dockerfile.Instruction;
import io.jailcell.build.dockerfile.KeyValue;
import io.jailcell.build.dockerfile.Label;
import io.jailcell.build.dockerfile.Maintainer;
import io.jailcell.build.dockerfile.OnBuild;
import io.jailcell.build.dockerfile.Run;
import io.jailcell.build.dockerfile.Shell;
import io.jailcell.build.dockerfile.ShellWords;
import io.jailcell.build.dockerfile.Stage;
import io.jailcell.build.dockerfile.StopSignal;
import io.jailcell.build.dockerfile.User;
import io.jailcell.build.dockerfile.Volume;
import io.jailcell.build.dockerfile.Workdir;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.LocalImages;
import io.jailcell.store.StoreLocks;
import io.jailcell.store.StoredImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Executes a parsed Dockerfile: the stages the target needs, in order, each step answered from the build cache
 * when its key is known, else run (RUN in a container, COPY and ADD as a layer written from the sources).
 * Metadata steps (ENV, CMD, ...) change the config only.
 *
 * <pre>{@code
 * BuildResult r = new ImageBuild(steps, local).build(dockerfile, DirectoryContext.of(dir), options);
 * }</pre>
 */
public final class ImageBuild {
    private final StepRunner runner;
    private final LocalImages local;

    public ImageBuild(StepRunner runner, LocalImages local) {
        this.runner = runner;
        this.local = local;
    }

    public BuildResult build(Dockerfile df, BuildContext context, BuildOptions options) {
        Stage target;
        try {
            target = df.target(options.target());
        } catch (IllegalArgumentException e) {
            throw new BuildException(e.getMessage());
        }
        ShellWords words = ShellWords.forEscape(df.directives().escape());
        Map<String, String> globalArgs = globalArgs(df, words, options);
        List<Stage> needed = StagePlan.needed(df, target, words, globalArgs);
        int total = 0;
        for (Stage s : needed) {
            total += 1 + s.instructions().size();
        }
        String created = Instant.ofEpochSecond(options.epochSeconds()).toString();
        Counter counter = new Counter(total);
        Map<Integer, StageState> done = new HashMap<>();
        try (StoreLocks.Held held = local.images().locks().use()) {
            StageState last = null;
            for (Stage s : needed) {
                last = stage(df, s, words, globalArgs, done, context, options, created, counter);
                done.put(s.index(), last);
            }
            ImageConfig cfg = last.config.withCreated(created);
            Descriptor manifest = local.images().writeImage(cfg, last.layers);
            List<String> tags = new ArrayList<>();
            if (options.tags().isEmpty()) {
                local.images().keepUnnamed(manifest);
            }
            for (String t : options.tags()) {
                Reference ref = Reference.parse(t);
                local.images().tag(ref, manifest);
                tags.add(ref.familiar());
            }
            String id = Digest.of(cfg.toJson()).toString();
            options.progress().done(id, tags);
            return new BuildResult(id, manifest.digest().toString(), tags, counter.n, counter.hits);
        }
    }

    private StageState stage(Dockerfile df, Stage s, ShellWords words, Map<String, String> globalArgs,
                             Map<Integer, StageState> done, BuildContext context, BuildOptions options,
                             String created, Counter counter) {
        String baseText = words.expand(s.baseImage(), globalArgs);
        options.progress().step(counter.next(), counter.total, s.displayName(), s.from().original());
        StageState st = base(df, s, baseText, done, options);
        List<Instruction> triggers = triggers(df, s, baseText, st.run().onBuild());
        // Triggers run once, here: the stage's image keeps only the ONBUILD lines it declares itself.
        st.run(st.run().withOnBuild(List.of()));
        counter.total += triggers.size();
        options.progress().stepDone(0, null, 0);
        StepContext steps = new StepContext(df, s, words, st, globalArgs, done, context, options, created);
        List<Instruction> all = new ArrayList<>(triggers);
        all.addAll(s.instructions());
        for (int n = 0; n < all.size(); n++) {
            Instruction i = all.get(n);
            options.progress().step(counter.next(), counter.total, s.displayName(),
                    n < triggers.size() ? "ONBUILD " + i.original() : i.original());
            long t0 = System.nanoTime();
            Descriptor layer;
            try {
                layer = step(i, steps);
            } catch (io.jailcell.build.dockerfile.ExpansionException e) {
                throw new BuildException(where(df, i) + e.getMessage());
            }
            if (steps.cacheHit) {
                counter.hits++;
                steps.cacheHit = false;
            }
            options.progress().stepDone((System.nanoTime() - t0) / 1_000_000,
                    layer == null ? null : layer.digest().toString(), layer == null ? 0 : layer.size());
        }
        return st;
    }

    private StageState base(Dockerfile df, Stage s, String baseText, Map<Integer, StageState> done,
                            BuildOptions options) {
        java.util.Optional<Stage> earlier = df.stageBefore(baseText, s);
        if (earlier.isPresent()) {
            StageState from = done.get(earlier.get().index());
            StageState st = new StageState(from.config, from.layers, from.cacheKey);
            return st;
        }
        if (baseText.equals("scratch")) {
            Platform p = s.platform().isPresent() ? Platform.parse(s.platform().get()) : Platform.host();
            return new StageState(ImageConfig.scratch(p), List.of(), BuildCache.key(null, "scratch"));
        }
        java.util.Optional<StoredImage> found = local.find(baseText);
        if (found.isEmpty() && options.basePuller() != null) {
            try {
                options.basePuller().pull(baseText, s.platform().orElse(null));
            } catch (RuntimeException e) {
                throw new BuildException(where(df, s.from()) + "base image '" + baseText + "' is not in the store, "
                        + "and pulling it failed: " + e.getMessage(), 0, e);
            }
            found = local.find(baseText);
        }
        StoredImage img = found.orElseThrow(() -> new BuildException(where(df, s.from())
                + "base image '" + baseText + "' is not in the store: build it first, load it (jailcell load), "
                + "pull it (jailcell pull), or start from busybox or scratch"));
        return new StageState(img.config(), img.manifest().layers(),
                BuildCache.key(null, "from", img.manifestDigest().toString()));
    }

    /**
     * The base's ONBUILD triggers as instructions, all parsed before any runs (as BuildKit does, for a base image
     * and for an earlier stage that declares ONBUILD lines alike). They run right after FROM, in order.
     */
    private static List<Instruction> triggers(Dockerfile df, Stage s, String baseText, List<String> expressions) {
        List<Instruction> out = new ArrayList<>();
        for (int n = 0; n < expressions.size(); n++) {
            String expression = expressions.get(n);
            try {
                out.add(DockerfileParser.parseTrigger(expression, "(ONBUILD trigger " + (n + 1) + " of " + baseText + ")"));
            } catch (DockerfileException e) {
                throw new BuildException(where(df, s.from()) + "the base image '" + baseText + "' has an ONBUILD "
                        + "trigger that cannot run, '" + expression + "': " + e.getMessage()
                        + "; rebuild the base image without it");
            }
        }
        return out;
    }

    /** Runs one step; returns the layer it made, or null for a metadata step. */
    private Descriptor step(Instruction i, StepContext c) {
        StageState st = c.state;
        Map<String, String> env = st.expansionEnv();
        ShellWords w = c.words;
        RunConfig rc = st.run();
        if (i instanceof Run run) {
            return runner.run(run, c);
        } else if (i instanceof Copy || i instanceof Add) {
            return runner.copy((FileTransfer) i, c);
        } else if (i instanceof Env e) {
            // Every pair sees the environment from before this ENV, as Docker does: ENV A=1 B=$A takes the old A.
            for (KeyValue kv : e.pairs()) {
                rc = rc.withEnvVar(w.expand(kv.key(), env), w.expand(kv.value(), env));
            }
            st.run(rc);
            meta(c, i, "ENV " + envText(e, w, env));
        } else if (i instanceof Arg a) {
            for (Arg.Declaration d : a.declarations()) {
                String value = c.options.buildArgs().get(d.name());
                if (value == null && d.defaultValue().isPresent()) {
                    value = w.expand(d.defaultValue().get(), st.expansionEnv());
                }
                if (value == null) {
                    value = c.globalArgs.get(d.name());
                }
                if (value != null) {
                    st.args.put(d.name(), value);
                }
            }
            c.state.cacheKey = BuildCache.key(st.cacheKey, "ARG", new java.util.TreeMap<>(st.args).toString());
        } else if (i instanceof Label l) {
            Map<String, String> labels = new LinkedHashMap<>(rc.labels());
            for (KeyValue kv : l.pairs()) {
                labels.put(w.expand(kv.key(), env), w.expand(kv.value(), env));
            }
            st.run(rc.withLabels(labels));
            meta(c, i, i.original());
        } else if (i instanceof Workdir wd) {
            String dir = w.expand(wd.path(), env);
            if (!dir.startsWith("/")) {
                String cur = rc.workingDir() == null ? "/" : rc.workingDir();
                dir = cur.endsWith("/") ? cur + dir : cur + "/" + dir;
            }
            st.run(rc.withWorkingDir(java.nio.file.Path.of(dir).normalize().toString()));
            meta(c, i, "WORKDIR " + dir);
        } else if (i instanceof User u) {
            st.run(rc.withUser(w.expand(u.user(), env)));
            meta(c, i, i.original());
        } else if (i instanceof Cmd cmd) {
            st.run(rc.withCmd(cmd.command().argv(st.shell())));
            st.cmdSetHere = true;
            meta(c, i, i.original());
        } else if (i instanceof Entrypoint ep) {
            RunConfig next = rc.withEntrypoint(ep.command().argv(st.shell()));
            st.run(st.cmdSetHere ? next : next.withCmd(null));
            meta(c, i, i.original());
        } else if (i instanceof Expose ex) {
            TreeSet<String> ports = new TreeSet<>(rc.exposedPorts());
            for (String p : ex.ports()) {
                String word = w.expand(p, env);
                ports.add(word.contains("/") ? word.toLowerCase(java.util.Locale.ROOT) : word + "/tcp");
            }
            st.run(rc.withExposedPorts(List.copyOf(ports)));
            meta(c, i, i.original());
        } else if (i instanceof Volume v) {
            // Config only: later RUN steps keep what they write under the path, as BuildKit does (Docker's
            // default builder; only the legacy builder ran them on a throwaway volume and lost those writes).
            TreeSet<String> vols = new TreeSet<>(rc.volumes());
            for (String p : v.paths()) {
                vols.add(w.expand(p, env));
            }
            st.run(rc.withVolumes(List.copyOf(vols)));
            meta(c, i, i.original());
        } else if (i instanceof Shell sh) {
            st.run(rc.withShell(sh.shell()));
            meta(c, i, i.original());
        } else if (i instanceof StopSignal ss) {
            st.run(rc.withStopSignal(w.expand(ss.signal(), env)));
            meta(c, i, i.original());
        } else if (i instanceof Healthcheck hc) {
            st.run(rc.withHealthcheck(Healthchecks.of(hc, st.shell())));
            meta(c, i, i.original());
        } else if (i instanceof OnBuild ob) {
            List<String> triggers = new ArrayList<>(rc.onBuild());
            triggers.add(ob.expression());
            st.run(rc.withOnBuild(triggers));
            meta(c, i, i.original());
        } else if (i instanceof Maintainer m) {
            st.config = st.config.withAuthor(m.name());
            meta(c, i, i.original());
        }
        return null;
    }

    private static String envText(Env e, ShellWords w, Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        for (KeyValue kv : e.pairs()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(kv.key()).append('=').append(w.expand(kv.value(), env));
        }
        return sb.toString();
    }

    private static void meta(StepContext c, Instruction i, String createdBy) {
        c.state.history(createdBy, c.created, true);
        c.state.cacheKey = BuildCache.key(c.state.cacheKey, createdBy);
    }

    static String where(Dockerfile df, Instruction i) {
        return i.location().file() + ":" + i.location().line() + ":" + i.location().column() + ": ";
    }

    private static Map<String, String> globalArgs(Dockerfile df, ShellWords words, BuildOptions options) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Arg a : df.globalArgs()) {
            for (Arg.Declaration d : a.declarations()) {
                String v = options.buildArgs().get(d.name());
                if (v == null && d.defaultValue().isPresent()) {
                    v = words.expand(d.defaultValue().get(), m);
                }
                if (v != null) {
                    m.put(d.name(), v);
                }
            }
        }
        return m;
    }

    private static final class Counter {
        int total;
        int n;
        int hits;

        Counter(int total) {
            this.total = total;
        }

        int next() {
            return ++n;
        }
    }
}
