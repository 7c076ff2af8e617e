package io.jailcell.build;

import io.jailcell.build.dockerfile.Add;
import io.jailcell.build.dockerfile.FileTransfer;
import io.jailcell.build.dockerfile.Heredoc;
import io.jailcell.image.Digest;
import io.jailcell.store.LocalImages;
import io.jailcell.store.SnapshotView;
import io.jailcell.store.StoredImage;
import io.jailcell.store.layer.LayerEntry;
import io.jailcell.store.layer.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a COPY or ADD puts into its layer, at their destination paths with Docker's ownership and mode rules,
 * and a fingerprint of them for the cache key (names, types, modes, owners, sizes, content hashes; no mtimes).
 */
final class CopySources {
    private CopySources() {
    }

    /** The layer's entries, the cache fingerprint and the history text. */
    record Collected(List<LayerEntry> entries, String fingerprint, String createdBy, List<Path> scratch) {
    }

    static Collected collect(FileTransfer t, StepContext c, SnapshotView stageView, LocalImages local) {
        Map<String, String> env = c.state.expansionEnv();
        String where = ImageBuild.where(c.dockerfile, t);
        String dest = c.words.expand(t.destination(), env);
        boolean destIsDir = dest.endsWith("/") || dest.endsWith("/.") || dest.equals(".");
        String workdir = c.state.run().workingDir() == null ? "/" : c.state.run().workingDir();
        String absDest = Paths.clean(dest.startsWith("/") ? dest : workdir + "/" + dest);
        Ownership owner = t.chown().isPresent()
                ? Ownership.parse(c.words.expand(t.chown().get(), env), stageView, where)
                : Ownership.ROOT;
        Integer chmod = t.chmod().isPresent() ? Ownership.parseMode(c.words.expand(t.chmod().get(), env), where) : null;

        TreeMap<String, LayerEntry> entries = new TreeMap<>();
        List<Path> scratch = new ArrayList<>();
        List<Resolved> resolved = new ArrayList<>();
        for (String raw : t.sources()) {
            String src = c.words.expand(raw, env);
            if (t instanceof Add && (src.startsWith("http://") || src.startsWith("https://") || src.startsWith("git@"))) {
                throw new BuildException(where + "ADD from a URL (" + src + ") is not supported: fetch it in a RUN "
                        + "step, or download it into the build context and ADD the file");
            }
            resolved.addAll(resolve(t, c, src, where, local));
        }
        boolean many = resolved.size() + t.heredocSources().size() > 1;
        if (many && !destIsDir) {
            throw new BuildException(where + "when copying several sources the destination must be a directory "
                    + "ending in '/': write " + t.destination() + "/");
        }
        for (Resolved r : resolved) {
            if (r.tree != null) {
                String prefix = r.name;
                for (Map.Entry<String, Path> e : r.tree.entrySet()) {
                    String below = e.getKey().equals(prefix) ? "" : e.getKey().substring(prefix.isEmpty() ? 0
                            : prefix.length() + 1);
                    put(entries, below.isEmpty() ? absDest : join(absDest, below), e.getValue(), owner, chmod);
                }
            } else if (Files.isDirectory(r.path, LinkOption.NOFOLLOW_LINKS)) {
                addTree(entries, r, absDest, owner, chmod, c.context);
            } else if (t instanceof Add && Archives.isArchive(r.path)) {
                Archives.extractInto(r.path, absDest, entries, local.root().tmp(), scratch, where);
            } else {
                String target = destIsDir || many ? join(absDest, r.path.getFileName().toString()) : absDest;
                put(entries, target, r.path, owner, chmod);
            }
        }
        for (Heredoc h : t.heredocSources()) {
            String content = h.expand() ? c.words.expandHeredoc(h.content(), env) : h.content();
            String target = destIsDir ? join(absDest, h.name()) : absDest;
            entries.put(Paths.rel(target), Heredocs.entry(Paths.rel(target), content, owner, chmod,
                    local.root().tmp(), scratch));
        }
        boolean anyDir = false;
        for (Resolved r : resolved) {
            anyDir |= r.tree != null || Files.isDirectory(r.path, LinkOption.NOFOLLOW_LINKS);
        }
        addMissingParents(entries, absDest, destIsDir || many || anyDir, stageView);
        return new Collected(new ArrayList<>(entries.values()), fingerprint(entries, absDest),
                t.keyword().name() + " " + String.join(" ", t.sources()) + " " + absDest, scratch);
    }

    /** A source: a host file or directory, or (for --from) a merged tree of path to providing file. */
    private record Resolved(String name, Path path, TreeMap<String, Path> tree) {
    }

    private static List<Resolved> resolve(FileTransfer t, StepContext c, String src, String where,
                                          LocalImages local) {
        List<Resolved> out = new ArrayList<>();
        java.util.Optional<String> from = t instanceof io.jailcell.build.dockerfile.Copy copy ? copy.from()
                : java.util.Optional.empty();
        if (from.isPresent()) {
            SnapshotView view = fromView(c.words.expand(from.get(), c.state.expansionEnv()), c, where, local);
            String rel = Paths.rel(Paths.clean("/" + src));
            Path p = view.find(rel);
            if (p == null) {
                throw new BuildException(where + "COPY --from=" + from.get() + ": " + src + " does not exist there");
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Resolved(rel, p, view.tree(rel)));
            } else {
                out.add(new Resolved(rel, p, null));
            }
            return out;
        }
        for (BuildContext.Source s : c.context.sources(src)) {
            out.add(new Resolved(s.name(), s.path(), null));
        }
        if (out.isEmpty()) {
            throw new BuildException(where + t.keyword().name() + " failed: " + src + " not found in the build "
                    + "context (or excluded by .dockerignore)");
        }
        return out;
    }

    private static SnapshotView fromView(String from, StepContext c, String where, LocalImages local) {
        java.util.Optional<io.jailcell.build.dockerfile.Stage> stage = c.dockerfile.stage(from);
        if (stage.isPresent()) {
            StageState st = c.stages.get(stage.get().index());
            if (st == null) {
                throw new BuildException(where + "COPY --from=" + from + " names a stage that is not built before "
                        + "this one");
            }
            return new SnapshotView(StepRunner.lowerDirs(st, local));
        }
        StoredImage img = local.find(from).orElseThrow(() -> new BuildException(where + "COPY --from=" + from
                + ": no such stage or image"));
        return new SnapshotView(local.snapshots().lowerDirs(img, local.images().blobs()));
    }

    private static void addTree(TreeMap<String, LayerEntry> entries, Resolved r, String absDest, Ownership owner,
                                Integer chmod, BuildContext context) {
        try (var walk = Files.walk(r.path)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String relInSrc = r.path.relativize(p).toString();
                if (!relInSrc.isEmpty() && context.excluded(r.name.isEmpty() ? relInSrc : r.name + "/" + relInSrc)) {
                    continue;
                }
                if (relInSrc.isEmpty()) {
                    // A directory's content is copied; its destination is made like BuildKit makes it (0755).
                    String rel = Paths.rel(absDest);
                    if (!rel.isEmpty()) {
                        entries.put(rel, new LayerEntry(TarEntry.dir(rel).withMode(chmod != null ? chmod : 0755)
                                .withOwner(owner.uid(), owner.gid()), null));
                    }
                    continue;
                }
                put(entries, join(absDest, relInSrc), p, owner, chmod);
            }
        } catch (IOException e) {
            throw new BuildException("cannot read " + r.path + ": " + e.getMessage(), 125, e);
        }
    }

    private static void put(TreeMap<String, LayerEntry> entries, String target, Path source, Ownership owner,
                            Integer chmod) {
        String rel = Paths.rel(target);
        if (rel.isEmpty()) {
            return;
        }
        try {
            LayerEntry e = LayerEntry.fromDisk(rel, source);
            TarEntry te = e.entry().withOwner(owner.uid(), owner.gid());
            if (chmod != null) {
                te = te.withMode(chmod);
            }
            entries.put(rel, new LayerEntry(te, e.source()));
        } catch (IOException e) {
            throw new BuildException("cannot read " + source + ": " + e.getMessage(), 125, e);
        }
    }

    private static void addMissingParents(TreeMap<String, LayerEntry> entries, String absDest, boolean destIsDir,
                                          SnapshotView view) {
        String rel = Paths.rel(absDest);
        String dir = destIsDir ? rel : Paths.parent(rel);
        while (dir != null && !dir.isEmpty()) {
            if (!entries.containsKey(dir) && view.find(dir) == null) {
                entries.put(dir, new LayerEntry(TarEntry.dir(dir).withMode(0755).withOwner(0, 0), null));
            }
            dir = Paths.parent(dir);
        }
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String fingerprint(TreeMap<String, LayerEntry> entries, String dest) {
        StringBuilder sb = new StringBuilder(dest).append('\n');
        for (LayerEntry e : entries.values()) {
            TarEntry t = e.entry();
            sb.append(t.name()).append(' ').append(t.type()).append(' ').append(Integer.toOctalString(t.mode()))
                    .append(' ').append(t.uid()).append(':').append(t.gid()).append(' ').append(t.size()).append(' ')
                    .append(t.linkName()).append(' ').append(e.source() == null ? "-" : sha256(e.source()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String sha256(Path file) {
        MessageDigest md = Digest.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BuildException("cannot read " + file + ": " + e.getMessage(), 125, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
