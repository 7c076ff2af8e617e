package io.jailcell.store.archive;

import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Reference;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreLocks;
import io.jailcell.store.StoredImage;
import io.jailcell.store.layer.TarFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Image import and export: {@code jailcell save} and {@code jailcell load}, in the OCI archive and the
 * {@code docker save} format, readable by skopeo, umoci, podman and docker. Saving is deterministic: the same
 * images give the same bytes. Loading reads the archive once as a stream (plain or gzip'd), puts every blob into
 * the store verified against its digest, and tags names only when every image's blobs are all in, so a truncated
 * archive leaves the store valid and untagged, with an error that names what is missing.
 *
 * <pre>{@code
 * ImageStore store = ImageStore.open(StoreRoot.forCurrentUser(true));
 * try (OutputStream out = Files.newOutputStream(Path.of("app.tar"))) {
 *     ImageArchives.save(store, List.of("localhost/app:1"), out, Format.DOCKER_ARCHIVE);
 * }
 * try (InputStream in = Files.newInputStream(Path.of("app.tar"))) {
 *     List<String> names = ImageArchives.load(store, in, "app.tar");   // ["localhost/app:1"]
 * }
 * }</pre>
 */
public final class ImageArchives {
    private ImageArchives() {
    }

    /**
     * Writes {@code names} (image names, ids or id prefixes) to {@code out}. An image given by name is saved under
     * that name; one given by id under all its names. {@code out} is flushed, not closed.
     */
    public static void save(ImageStore store, List<String> names, OutputStream out, Format format) {
        if (names.isEmpty()) {
            throw new ArchiveException("name at least one image to save, e.g. jailcell save -o busybox.tar busybox");
        }
        try (StoreLocks.Held held = store.locks().use()) {
            List<SaveItem> items = resolve(store, names);
            ArchiveWriter w = new ArchiveWriter();
            if (format == Format.OCI_ARCHIVE) {
                OciArchiveSaver.add(store.blobs(), items, w);
            } else {
                DockerArchiveSaver.add(store.blobs(), items, w);
            }
            w.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive: " + e.getMessage(), e);
        }
    }

    private static List<SaveItem> resolve(ImageStore store, List<String> names) {
        Map<Object, StoredImage> images = new LinkedHashMap<>();
        Map<Object, List<Reference>> tags = new LinkedHashMap<>();
        for (String text : names) {
            StoredImage img = store.find(text).orElseThrow(() -> new ArchiveException("No such image: " + text
                    + " (jailcell images lists what the store has)"));
            images.putIfAbsent(img.manifestDigest(), img);
            List<Reference> t = tags.computeIfAbsent(img.manifestDigest(), k -> new ArrayList<>());
            Reference asName = asName(text);
            List<Reference> add = new ArrayList<>();
            if (asName != null && img.names().contains(asName.toString())) {
                add.add(asName);
            } else {
                for (String n : img.names()) {
                    add.add(Reference.parse(n));
                }
            }
            for (Reference r : add) {
                if (!t.contains(r)) {
                    t.add(r);
                }
            }
        }
        List<SaveItem> items = new ArrayList<>();
        for (Map.Entry<Object, StoredImage> e : images.entrySet()) {
            items.add(new SaveItem(e.getValue(), tags.get(e.getKey())));
        }
        return items;
    }

    private static Reference asName(String text) {
        try {
            return Reference.parse(text);
        } catch (ImageFormatException e) {
            return null;
        }
    }

    /**
     * Loads every image of an archive in either format (detected: {@code index.json} means an OCI layout,
     * {@code manifest.json} a {@code docker save} archive; an archive with both is read as OCI, which keeps the
     * digests). Returns the full names tagged, e.g. {@code docker.io/library/busybox:latest}.
     *
     * @param fileName the archive's file name, for naming images it gives only a tag or no name (see
     *                 {@link ArchiveNames}); null for a stream
     */
    public static List<String> load(ImageStore store, InputStream in, String fileName) {
        String repo = ArchiveNames.defaultRepository(fileName);
        List<LoadedImage> loaded;
        try (StoreLocks.Held held = store.locks().use();
             ArchiveSpool spool = ArchiveSpool.read(store, maybeGunzip(in))) {
            ArchiveSpool.Member index = spool.find("index.json");
            ArchiveSpool.Member manifest = spool.find("manifest.json");
            if (index != null) {
                loaded = OciArchiveLoader.load(store.blobs(), spool, index.readAll(), repo);
            } else if (manifest != null) {
                loaded = DockerArchiveLoader.load(store.blobs(), spool, manifest.readAll());
            } else {
                throw new ArchiveException("the archive has neither index.json (an OCI archive) nor manifest.json (a "
                        + "docker save archive): it is truncated, or not an image archive. Nothing was tagged");
            }
            return tag(store, loaded, repo);
        } catch (TarFormatException e) {
            throw new ArchiveException("the archive is truncated or damaged (" + e.getMessage() + "); nothing was "
                    + "tagged, and jailcell image prune removes what was stored of it. Save or copy it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archive: " + e.getMessage(), e);
        }
    }

    /** {@link #load(ImageStore, InputStream, String)} of a stream without a file name. */
    public static List<String> load(ImageStore store, InputStream in) {
        return load(store, in, null);
    }

    private static List<String> tag(ImageStore store, List<LoadedImage> loaded, String repo) {
        int unnamed = 0;
        for (LoadedImage img : loaded) {
            if (img.names().isEmpty()) {
                img.names().add(ArchiveNames.unnamed(repo, unnamed++, img.id()));
            }
        }
        List<String> out = new ArrayList<>();
        for (LoadedImage img : loaded) {
            for (Reference name : img.names()) {
                store.tag(name, img.manifest());
                out.add(name.toString());
            }
        }
        return out;
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        boolean gzip = LayerStreams.isGzip(b);
        b.reset();
        return gzip ? new GZIPInputStream(b, 1 << 16) : b;
    }
}
