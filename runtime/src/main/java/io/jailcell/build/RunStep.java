package io.jailcell.build;

import io.jailcell.build.dockerfile.Heredoc;
import io.jailcell.build.dockerfile.Run;
import io.jailcell.container.ContainerConfig;
import io.jailcell.container.ContainerEngine;
import io.jailcell.container.ContainerRecord;
import io.jailcell.container.Running;
import io.jailcell.image.ChainIds;
import io.jailcell.image.Digest;
import io.jailcell.linux.helper.ExitInfo;
import io.jailcell.linux.helper.HelperSession.Stdio;
import io.jailcell.store.Blobs;
import io.jailcell.store.LocalImages;
import io.jailcell.store.Snapshots;
import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RUN step: a container on the stage's snapshots runs the command; its overlay upper dir, written out with
 * OCI whiteouts, is the step's layer. Output streams to the build's progress as it comes.
 */
final class RunStep {
    /** Build containers name their image {@code build:STAGE}, so they can be told from users' containers. */
    static final String IMAGE_PREFIX = "build:";
    private static final String LOCK = "build.lock";

    private final ContainerEngine engine;
    private final LocalImages local;

    RunStep(ContainerEngine engine, LocalImages local) {
        this.engine = engine;
        this.local = local;
    }

    /**
     * The argv of a RUN: exec form as written; shell form through the stage's shell. A RUN that is only a heredoc
     * runs the heredoc's text as the script; any other heredoc goes to the shell with the line, as BuildKit does.
     */
    static List<String> argv(Run run, List<String> shell) {
        if (run.command().execForm()) {
            return run.command().words();
        }
        String text = run.command().shellText();
        if (run.heredocs().size() == 1 && text.trim().matches("<<-?[\"']?" + java.util.regex.Pattern.quote(
                run.heredocs().get(0).name()) + "[\"']?")) {
            List<String> argv = new ArrayList<>(shell);
            argv.add(run.heredocs().get(0).content());
            return argv;
        }
        StringBuilder script = new StringBuilder(text);
        for (Heredoc h : run.heredocs()) {
            script.append('\n').append(h.content());
            if (!h.content().endsWith("\n")) {
                script.append('\n');
            }
            script.append(h.name());
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(script.toString());
        return argv;
    }

    /**
     * {@code RUN --network}: {@code default} and {@code host} share the host's network (a build reaches package
     * mirrors as with Docker's default), {@code none} gives a namespace with only loopback. {@code --mount} is
     * refused rather than ignored: a cache or bind mount that silently did not happen would change the result.
     */
    private static String network(Run run, StepContext c) {
        String where = ImageBuild.where(c.dockerfile, run);
        if (run.flags().has("mount")) {
            throw new BuildException(where + "RUN --mount is not supported yet: copy what the step needs with COPY, "
                    + "or drop the flag");
        }
        if (run.flags().has("security") && !run.flags().value("security").orElse("").equals("sandbox")) {
            throw new BuildException(where + "RUN --security=insecure is not supported: build steps keep Docker's "
                    + "default privileges");
        }
        String mode = run.flags().value("network").orElse("default");
        switch (mode) {
            case "default", "host":
                return "host";
            case "none":
                return "private";
            default:
                throw new BuildException(where + "RUN --network=" + mode + " is unknown: use default, host or none");
        }
    }

    /**
     * Removes build containers a killed build left behind: each build holds a lock on its step's container
     * directory, so a container whose lock can be taken has no build any more, in this JVM or another.
     */
    static void removeLeftovers(ContainerEngine engine) {
        for (ContainerRecord r : engine.list()) {
            if (!r.config().image().startsWith(IMAGE_PREFIX)) {
                continue;
            }
            Path lock = engine.directory(r).resolve(LOCK);
            boolean young = r.created().isAfter(java.time.Instant.now().minusSeconds(60));
            if (!Files.exists(lock) && young) {
                continue; // being created right now: its lock comes next
            }
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.tryLock()) {
                if (held == null) {
                    continue;
                }
            } catch (OverlappingFileLockException e) {
                continue; // a build of this JVM holds it
            } catch (IOException e) {
                // the directory went away: removed by someone else
            }
            try {
                engine.remove(r.id(), true);
            } catch (RuntimeException e) {
                // another build removed it meanwhile
            }
        }
    }

    Blobs.Layer execute(Run run, List<String> argv, StageState st, List<Path> lower, StepContext c, List<Digest> chain) {
        List<String> layers = new ArrayList<>();
        for (Path p : lower) {
            layers.add(p.toString());
        }
        Map<String, String> ns = new LinkedHashMap<>();
        for (String kind : List.of("mnt", "pid", "uts", "ipc", "cgroup")) {
            ns.put(kind, "private");
        }
        ns.put("user", engine.rootless() ? "private" : "host");
        ns.put("net", network(run, c));
        ContainerConfig cfg = new ContainerConfig(IMAGE_PREFIX + c.stage.displayName(), null, layers, argv,
                st.runEnv(), st.run().workingDir(), st.run().user(), "jailcell-build", ns, List.of(), List.of(),
                List.of(), false, false, ns.get("net").equals("host") ? "host" : "none", false, engine.rootless(),
                false, null, List.of());
        ContainerRecord rec = engine.create(null, cfg);
        try (FileChannel lockFile = FileChannel.open(engine.directory(rec).resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock building = lockFile.lock()) {
            ExitInfo exit;
            ProcessBuilder.Redirect devNull = ProcessBuilder.Redirect.from(new File("/dev/null"));
            try (Running running = engine.start(rec.id(), new Stdio(devNull, ProcessBuilder.Redirect.PIPE,
                    ProcessBuilder.Redirect.PIPE))) {
                Thread err = pump(running.helperProcess().getErrorStream(), c.options.progress());
                pumpHere(running.helperProcess().getInputStream(), c.options.progress());
                exit = running.await().orElse(null);
                join(err);
            }
            if (exit == null || exit.code() != 0) {
                throw new BuildException(ImageBuild.where(c.dockerfile, run) + "RUN " + String.join(" ",
                        argv) + " failed: " + (exit == null ? "the container's helper died" : exit.signaled()
                        ? "killed by signal " + exit.value() : "exit code " + exit.code()),
                        exit == null ? 125 : exit.code(), null);
            }
            Path upper = engine.directory(engine.get(rec.id())).resolve("diff");
            Blobs.Layer layer;
            try {
                layer = local.images().blobs().putLayer(LayerWriter.fromOverlayUpper(upper,
                        LayerOptions.reproducible().withMtime(c.options.epochSeconds())));
            } catch (IOException e) {
                throw new BuildException("cannot write the layer of RUN " + String.join(" ", argv) + ": "
                        + e.getMessage(), 125, e);
            }
            if (local.snapshots().mode() == Snapshots.Mode.OVERLAY) {
                Digest next = chain.isEmpty() ? layer.diffId() : ChainIds.next(chain.get(chain.size() - 1),
                        layer.diffId());
                if (!local.snapshots().has(next)) {
                    local.snapshots().adopt(next, upper);
                }
            }
            return layer;
        } catch (IOException e) {
            throw new BuildException("cannot lock the build container's directory: " + e.getMessage(), 125, e);
        } finally {
            try {
                engine.remove(rec.id(), true);
            } catch (RuntimeException e) {
                // taken by another build's leftover sweep once our lock was released: gone either way
            }
        }
    }

    private static void pumpHere(InputStream in, BuildProgress progress) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (progress) {
                    progress.output(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the pipe closed: the program is gone
        }
    }

    private static Thread pump(InputStream in, BuildProgress progress) {
        Thread t = new Thread(() -> pumpHere(in, progress), "jailcell-build-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
