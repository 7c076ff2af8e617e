package io.jailcell.api;

import io.jailcell.build.BuildOptions;
import io.jailcell.build.DirectoryContext;
import io.jailcell.build.FluentSteps;
import io.jailcell.build.ImageBuild;
import io.jailcell.build.StepRunner;
import io.jailcell.build.dockerfile.Dockerfile;
import io.jailcell.build.dockerfile.DockerfileParser;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.History;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.LocalImages;
import io.jailcell.store.StoredImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of a store: list, inspect, tag, remove, build from a Dockerfile or fluently from Java.
 *
 * <pre>{@code
 * Jailcell jc = Jailcell.open();
 * jc.images().build(BuildRequest.of(Path.of("site")).tag("localhost/site:1"));
 * jc.images().from("busybox").workdir("/app").copy(Path.of("site"), "/app/www").run("echo hi > /app/x")
 *         .cmd("httpd", "-f").build("localhost/site:2");
 * for (ImageInfo i : jc.images().list()) System.out.println(i.names() + " " + i.size());
 * }</pre>
 */
public final class Images {
    private final Jailcell jc;

    Images(Jailcell jc) {
        this.jc = jc;
    }

    private LocalImages local() {
        return jc.local();
    }

    /** Every image in the store ({@code jailcell images}). */
    public List<ImageInfo> list() {
        List<ImageInfo> out = new ArrayList<>();
        for (StoredImage img : Errors.translate(() -> local().images().list())) {
            out.add(ImageInfos.of(img));
        }
        return out;
    }

    /** One image by name, id or id prefix ({@code jailcell image inspect}). */
    public ImageInfo inspect(String name) {
        return ImageInfos.of(find(name));
    }

    /** Whether the store has {@code name}. */
    public boolean exists(String name) {
        return Errors.translate(() -> local().images().find(name)).isPresent();
    }

    /** The steps that made an image, newest first ({@code jailcell history}). */
    public List<ImageHistory> history(String name) {
        StoredImage img = find(name);
        List<ImageHistory> rows = new ArrayList<>();
        int layer = 0;
        for (History h : img.config().history()) {
            Descriptor d = h.emptyLayer() || layer >= img.manifest().layers().size() ? null
                    : img.manifest().layers().get(layer++);
            rows.add(new ImageHistory(h.created(), h.createdBy(), d == null ? 0 : d.size(),
                    d == null ? null : d.digest().toString(), h.comment()));
        }
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** Gives an image another name ({@code jailcell tag SOURCE TARGET}). */
    public void tag(String source, String target) {
        StoredImage img = find(source);
        Errors.run(() -> local().images().tag(Reference.parse(target), new Descriptor(
                io.jailcell.image.MediaTypes.OCI_MANIFEST, img.manifestDigest(), img.manifestSize(), null, null)));
    }

    /** {@link #remove(String, boolean)} without force. */
    public List<String> remove(String name) {
        return remove(name, false);
    }

    /**
     * Removes a name ({@code jailcell image rm}); an id removes every name of that image. When no name is left,
     * the image's blobs and snapshots that nothing else uses are freed at once. An image a container was made
     * from is kept unless {@code force}, as docker does.
     *
     * @return docker's lines: {@code Untagged: NAME} and {@code Deleted: ID}
     */
    public List<String> remove(String name, boolean force) {
        StoredImage img = find(name);
        String asName = nameOrNull(name);
        boolean byName = asName != null && img.names().contains(asName);
        List<String> going = new ArrayList<>();
        for (String n : img.names()) {
            if (!byName || n.equals(asName)) {
                going.add(n);
            }
        }
        boolean lastName = going.size() == img.names().size();
        if (lastName && !force) {
            for (var rec : jc.engine().list()) {
                if (img.manifestDigest().toString().equals(rec.config().imageDigest())) {
                    throw new ConflictException("unable to remove image " + name + ": container " + rec.name()
                            + " uses it; remove the container first, or use --force");
                }
            }
        }
        List<String> removed = new ArrayList<>();
        for (String n : going) {
            Errors.run(() -> local().images().untag(Reference.parse(n)));
            removed.add("Untagged: " + Reference.parse(n).familiar());
        }
        if (lastName) {
            collect(false, false);
            removed.add("Deleted: " + img.id());
        }
        return removed;
    }

    private static String nameOrNull(String text) {
        try {
            return Reference.parse(text).toString();
        } catch (io.jailcell.image.ImageFormatException e) {
            return null;
        }
    }

    /**
     * Frees the space of what no named image and no container uses: unnamed images, unreferenced blobs and
     * unused snapshots ({@code docker image prune} and {@code builder prune} in one); with
     * {@code buildCache}, also the build cache. Returns the bytes of blobs freed.
     */
    public long prune(boolean buildCache) {
        return collect(buildCache, true);
    }

    private long collect(boolean buildCache, boolean dropUnnamed) {
        return Errors.translate(() -> {
            if (buildCache) {
                StepRunner.pruneCache(local());
            }
            java.util.Set<Path> inUse = new java.util.HashSet<>();
            java.util.Set<Digest> usedImages = new java.util.HashSet<>();
            for (var rec : jc.engine().list()) {
                for (String l : rec.config().rootfsLayers()) {
                    inUse.add(Path.of(l));
                }
                if (rec.config().imageDigest() != null) {
                    usedImages.add(Digest.parse(rec.config().imageDigest()));
                }
            }
            if (dropUnnamed) {
                local().images().dropUnnamed(usedImages);
            }
            return new io.jailcell.store.GarbageCollector(local().images(), local().snapshots(),
                    local().root().tmp())
                    .collect(inUse, StepRunner.cachedBlobs(local())).bytes();
        });
    }

    /** {@link #prune(boolean)} keeping the build cache. */
    public long prune() {
        return prune(false);
    }

    /** Builds a Dockerfile ({@code jailcell build}). */
    public BuildResult build(BuildRequest request) {
        Path dockerfile = request.dockerfile != null ? request.dockerfile : request.context.resolve("Dockerfile");
        String text;
        String fileName;
        if (request.dockerfileText != null) {
            text = request.dockerfileText;
            fileName = "Dockerfile";
        } else {
            try {
                text = Files.readString(dockerfile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidSpecException("cannot read the Dockerfile " + dockerfile + ": " + e.getMessage()
                        + " (give one with -f, or put a Dockerfile in the context)");
            }
            fileName = dockerfile.getFileName().toString();
        }
        Dockerfile df = Errors.translate(() -> DockerfileParser.parse(text, fileName));
        BuildOptions o = BuildOptions.defaults().noCache(request.noCache).target(request.target)
                .progress(BuildRuns.progress(request.listener)).basePuller(this::pullBase);
        for (String t : request.tags) {
            o = o.tag(t);
        }
        for (var a : request.buildArgs.entrySet()) {
            o = o.buildArg(a.getKey(), a.getValue());
        }
        BuildOptions options = o;
        return BuildRuns.run(() -> new ImageBuild(new StepRunner(jc.engine(), local()), local())
                .build(df, DirectoryContext.of(request.context), options));
    }

    /**
     * Makes a new image of a container's changes on top of its image ({@code docker commit}); the image's
     * command becomes the container's. Returns the new image's id.
     *
     * @param name    the new image's name, or null for an unnamed image
     * @param message the history comment, or null
     * @param author  the author, or null
     */
    public String commit(String container, String name, String message, String author) {
        var record = Errors.translate(() -> jc.engine().get(container));
        if (record.config().imageDigest() == null) {
            throw new InvalidSpecException("container " + record.name() + " runs on a root filesystem directory, not "
                    + "an image; only containers made from images can be committed");
        }
        Path upper = jc.engine().directory(record).resolve("diff");
        return Errors.translate(() -> {
            StoredImage base = local().images().find(record.config().imageDigest()).orElseThrow(() ->
                    new NotFoundException("the image of container " + record.name() + " is no longer in the store"));
            RunConfig rc = base.config().config();
            if (rc.entrypoint() == null) {
                rc = rc.withCmd(record.config().command());
            }
            Descriptor m = io.jailcell.store.ImageCommit.commit(local(), Digest.parse(record.config().imageDigest()),
                    upper, rc, String.join(" ", record.config().command()), message, author,
                    name == null ? null : Reference.parse(name));
            return Manifests.configDigest(local(), m);
        });
    }

    /** Starts a fluent build on {@code base} (an image name, or {@code scratch}). */
    public ImageBuilder from(String base) {
        return new ImageBuilder(this, new FluentSteps(base), null);
    }

    BuildResult build(FluentSteps steps, String tag, BuildListener listener) {
        BuildOptions options = BuildOptions.defaults().tag(tag).progress(BuildRuns.progress(listener)).basePuller(this::pullBase);
        return BuildRuns.run(() -> new ImageBuild(new StepRunner(jc.engine(), local()), local())
                .build(steps.dockerfile(), steps.context(), options));
    }

    private static final class Manifests {
        static String configDigest(LocalImages local, Descriptor manifest) {
            return io.jailcell.image.Manifest.parse(local.images().blobs().read(manifest.digest())).config().digest()
                    .toString();
        }
    }

    /**
     * Saves images to {@code file} ({@code jailcell save -o FILE}): {@code format} is {@code docker-archive} (the
     * default, as {@code docker save}) or {@code oci-archive}. The file is replaced only when the archive is complete.
     *
     * <pre>{@code
     * jc.images().save(List.of("busybox", "localhost/app:1"), Path.of("images.tar"), "oci-archive");
     * }</pre>
     */
    public void save(List<String> names, Path file, String format) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                save(names, out, format);
            }
            // a temporary file is private; the archive is not, as docker save leaves it
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new JailcellException("cannot write " + file + ": " + e.getMessage()
                    + " (check that its directory exists and is writable)", 125, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary file is harmless
                }
            }
        }
    }

    /** {@link #save(List, Path, String)} to a stream ({@code jailcell save > FILE}); {@code out} is not closed. */
    public void save(List<String> names, java.io.OutputStream out, String format) {
        if (names.isEmpty()) {
            throw new InvalidSpecException("name at least one image to save, e.g. jailcell save -o busybox.tar busybox");
        }
        io.jailcell.store.archive.Format f = Errors.translate(() -> io.jailcell.store.archive.Format.parse(format));
        for (String name : names) {
            find(name); // a clear NotFoundException, and busybox is made on first use
        }
        Errors.run(() -> io.jailcell.store.archive.ImageArchives.save(local().images(), names, out, f));
    }

    /**
     * Loads every image of an archive made by {@code jailcell save}, {@code docker save}, {@code podman save} or
     * {@code skopeo copy ... oci-archive:} / {@code docker-archive:} ({@code jailcell load -i FILE}); gzip'd
     * archives too. Returns the names loaded, as docker shows them ({@code busybox:latest}). An OCI archive that
     * names an image only by tag gets {@code localhost/FILESTEM:TAG}.
     *
     * <pre>{@code
     * List<String> names = jc.images().load(Path.of("images.tar"));
     * }</pre>
     */
    public List<String> load(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return load(in, file.getFileName().toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("no such archive: " + file + " (give the path of a file made by save)");
        } catch (IOException e) {
            throw new JailcellException("cannot read " + file + ": " + e.getMessage(), 125, e);
        }
    }

    /**
     * {@link #load(Path)} from a stream ({@code jailcell load < FILE}); {@code fileName} names images the archive
     * gives only a tag (null: {@code localhost/loaded}).
     */
    public List<String> load(java.io.InputStream in, String fileName) {
        List<String> full = Errors.translate(() -> io.jailcell.store.archive.ImageArchives.load(local().images(), in,
                fileName));
        List<String> out = new ArrayList<>();
        for (String n : full) {
            out.add(Reference.parse(n).familiar());
        }
        return out;
    }

    /**
     * Pulls an image from its registry into the store and tags it ({@code jailcell pull}); a multi-platform image
     * gives this host's platform unless {@code options} name another. Layers the store has are not fetched again.
     * Returns the full name tagged, e.g. {@code 127.0.0.1:5000/app:1}.
     *
     * <pre>{@code
     * jc.images().pull("127.0.0.1:5000/app:1");
     * jc.images().pull("docker.io/library/alpine:3.20", RegistryOptions.defaults().platform("linux/arm64"));
     * }</pre>
     *
     * @throws NotFoundException       no such repository, tag or platform
     * @throws AuthenticationException the registry wants credentials, or refused them
     * @throws JailcellException       unreachable registry, damaged or truncated content (nothing is tagged)
     */
    public String pull(String ref, RegistryOptions options) {
        return Reference.parse(ImageTransfers.pull(local(), ref, options)).familiar();
    }

    private void pullBase(String image, String platform) {
        RegistryOptions o = RegistryOptions.defaults();
        ImageTransfers.pull(local(), image, platform == null ? o : o.platform(platform));
    }

    /** {@link #pull(String, RegistryOptions)} with the defaults. */
    public String pull(String ref) {
        return pull(ref, RegistryOptions.defaults());
    }

    /**
     * Pushes a stored image to the registry its name gives ({@code jailcell push}); returns the manifest digest,
     * the same as the store's. Blobs the registry has already are skipped.
     *
     * <pre>{@code
     * jc.images().tag("localhost/app:1", "127.0.0.1:5000/app:1");
     * String digest = jc.images().push("127.0.0.1:5000/app:1");
     * }</pre>
     */
    public String push(String ref, RegistryOptions options) {
        find(ref);
        return ImageTransfers.push(local(), ref, options);
    }

    /** {@link #push(String, RegistryOptions)} with the defaults. */
    public String push(String ref) {
        return push(ref, RegistryOptions.defaults());
    }

    /**
     * Checks {@code user} and {@code password} against {@code host} and stores them in the credentials file
     * ({@code ~/.docker/config.json}, {@code $DOCKER_CONFIG} or {@code $REGISTRY_AUTH_FILE}), as {@code docker login};
     * where the file names a credential helper for the host ({@code credHelpers}, {@code credsStore}), in that
     * helper instead.
     *
     * <pre>{@code
     * jc.images().login("127.0.0.1:5000", "alice", password);
     * }</pre>
     */
    public void login(String host, String user, String password) {
        ImageTransfers.login(host, user, password, RegistryOptions.defaults());
    }

    /** {@link #login(String, String, String)} with options (e.g. {@code tlsVerify(false)}). */
    public void login(String host, String user, String password, RegistryOptions options) {
        ImageTransfers.login(host, user, password, options);
    }

    /** Removes the stored credentials of {@code host} (from its credential helper too); false when there were none. */
    public boolean logout(String host) {
        return ImageTransfers.logout(host);
    }

    private StoredImage find(String name) {
        return Errors.translate(() -> local().find(name)).orElseThrow(() -> new NotFoundException(
                "No such image: " + name + " (jailcell images lists what the store has)"));
    }

}
