package io.jailcell.registry;

import io.jailcell.image.Descriptor;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Manifest;
import io.jailcell.image.MediaTypes;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.store.Blobs;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreLocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One pull: the manifest (an index resolved to the wanted platform), then the config and the layers in parallel
 * into the store's blobs, each verified and made durable off the download threads; the name is tagged only when
 * all are in. A failed pull tags nothing; the blobs it stored stay for the next pull or for prune.
 */
final class Puller {
    /** fsyncs of finished blobs at once: enough to keep the disk busy, few enough not to contend with downloads. */
    private static final int SYNC_THREADS = 2;

    private final ImageStore store;
    private final Session session;
    private final ClientOptions options;
    private final ExecutorService pool;

    Puller(ImageStore store, Session session, ClientOptions options, ExecutorService pool) {
        this.store = store;
        this.session = session;
        this.options = options;
        this.pool = pool;
    }

    RegistryClient.Pulled pull(Reference ref) {
        String repo = ref.path();
        String name = session.host + "/" + repo;
        Platform want = options.platform() != null ? options.platform() : Platform.host();
        String what = ref.digest() != null ? "manifest " + ref.digest() + " of " + name : "tag '" + ref.tag() + "' of "
                + name;
        try (StoreLocks.Held held = store.locks().use()) {
            Manifests.Fetched top = Manifests.get(session, repo, ref.digest() != null ? ref.digest().toString()
                    : ref.tag(), ref.digest(), what);
            Manifests.Fetched image = top;
            if (MediaTypes.isIndex(top.mediaType())) {
                Descriptor d = pick(ImageIndex.parse(top.bytes()), want, ref);
                store.blobs().put(top.bytes());
                image = Manifests.get(session, repo, d.digest().toString(), d.digest(), "the " + want
                        + " manifest of " + ref);
            } else if (!MediaTypes.isManifest(image.mediaType())) {
                throw new RegistryException(RegistryException.Kind.INVALID, ref + " is a " + image.mediaType()
                        + ", not an image manifest jailcell can pull (it needs OCI or Docker schema 2)");
            }
            Manifest m = Manifest.parse(image.bytes());
            int n = 0;
            for (Descriptor layer : m.layers()) {
                n++;
                if (!MediaTypes.isSupportedLayer(layer.mediaType())) {
                    throw new RegistryException(RegistryException.Kind.INVALID, "layer " + n + " of " + ref
                            + " has media type " + layer.mediaType() + ", which jailcell cannot unpack");
                }
            }
            ImageConfig config;
            if (options.platform() != null) {
                // A single-platform image names its platform in the config only: that comes first, so that the
                // wrong platform costs no layer download.
                fetchAll(repo, m.config(), List.of());
                config = ImageConfig.parse(store.blobs().read(m.config().digest()));
                checkPlatform(ref, config, want);
                fetchAll(repo, null, m.layers());
            } else {
                fetchAll(repo, m.config(), m.layers());
                config = ImageConfig.parse(store.blobs().read(m.config().digest()));
            }
            if (config.diffIds().size() != m.layers().size()) {
                throw new RegistryException(RegistryException.Kind.INVALID, ref + " has " + m.layers().size()
                        + " layers but its config lists " + config.diffIds().size() + " diff ids; the image is "
                        + "damaged");
            }
            store.blobs().put(image.bytes());
            Descriptor manifest = new Descriptor(image.mediaType(), image.digest(), image.bytes().length, null, null);
            store.tag(ref, manifest);
            return new RegistryClient.Pulled(ref.toString(), image.digest().toString(), m.config().digest()
                    .toString());
        } catch (ImageFormatException e) {
            throw new RegistryException(RegistryException.Kind.INVALID, "the image " + ref + " from the registry is "
                    + "damaged: " + e.getMessage() + "; nothing was tagged", e);
        }
    }

    private static void checkPlatform(Reference ref, ImageConfig config, Platform want) {
        if (config.platform() != null && !config.platform().matches(want)) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, ref + " is an image for "
                    + config.platform() + ", not " + want + "; pull it without --platform, or pick another tag");
        }
    }

    /**
     * Downloads {@code config} (unless null) and {@code layers} on the pool; each verified blob is then committed
     * (fsync, rename) on a sync thread while the download threads go on. All commits end before this returns, so
     * the manifest is written (and the image named) only when every blob it needs is durable under its name.
     */
    private void fetchAll(String repo, Descriptor config, List<Descriptor> layers) {
        List<Descriptor> blobs = new ArrayList<>();
        if (config != null) {
            blobs.add(config);
        }
        blobs.addAll(layers);
        ExecutorService sync = Executors.newFixedThreadPool(SYNC_THREADS, r -> {
            Thread t = new Thread(r, "jailcell-blob-sync");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> downloads = new ArrayList<>();
        List<Future<?>> commits = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < blobs.size(); i++) {
                Descriptor d = blobs.get(i);
                int layer = config != null ? i : i + 1;
                String what = config != null && i == 0 ? "the config" : "layer " + layer + " of " + layers.size();
                downloads.add(pool.submit(() -> {
                    Blobs.Staged staged = BlobDownload.fetch(session, repo, d, store.blobs(), options.listener(),
                            what);
                    if (staged != null) {
                        try {
                            commits.add(sync.submit(() -> commit(staged, d)));
                        } catch (java.util.concurrent.RejectedExecutionException e) {
                            staged.close(); // the pull failed and ended while this download was finishing
                        }
                    }
                }));
            }
            RuntimeException first = awaitAll(downloads, true);
            RuntimeException firstCommit = awaitAll(new ArrayList<>(commits), false);
            if (first != null || firstCommit != null) {
                throw first != null ? first : firstCommit;
            }
        } finally {
            sync.shutdown();
        }
    }

    private void commit(Blobs.Staged staged, Descriptor d) {
        try (staged) {
            staged.commit();
        }
        options.listener().done(d.digest().toString(), d.size(), false);
    }

    /**
     * Waits for every task; returns the first failure. With {@code cancelOnFailure}, the first failure cancels the
     * others (downloads stop; commits are never cancelled, so no blob is left half synced by an interrupt).
     */
    private static RuntimeException awaitAll(List<Future<?>> futures, boolean cancelOnFailure) {
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new RegistryException(
                            RegistryException.Kind.FAILED, String.valueOf(e.getCause()), e.getCause());
                    if (cancelOnFailure) {
                        futures.forEach(other -> other.cancel(true));
                    }
                }
            } catch (java.util.concurrent.CancellationException e) {
                // cancelled after an earlier failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (cancelOnFailure) {
                    futures.forEach(x -> x.cancel(true));
                }
                throw new RegistryException(RegistryException.Kind.FAILED, "the pull was interrupted", e);
            }
        }
        return first;
    }

    private static Descriptor pick(ImageIndex index, Platform want, Reference ref) {
        Descriptor d = index.forPlatform(want);
        if (d != null) {
            return d;
        }
        List<String> have = new ArrayList<>();
        for (Descriptor m : index.manifests()) {
            if (m.platform() != null && !"unknown".equals(m.platform().os())) {
                have.add(m.platform().toString());
            }
        }
        throw new RegistryException(RegistryException.Kind.NOT_FOUND, ref + " has no image for " + want
                + " (it has " + (have.isEmpty() ? "none named" : String.join(", ", have))
                + "); choose one with --platform");
    }
}
