package io.jailcell.store.archive;

import io.jailcell.image.Digest;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.ImageIndex;
import io.jailcell.image.Reference;
import java.util.Locale;
import java.util.Map;

/**
 * How loaded images are named. An OCI index entry's {@code io.containerd.image.name} is a full reference; its
 * {@code org.opencontainers.image.ref.name} is one too when it has a {@code /} or {@code :} (podman writes
 * {@code localhost/app:1}), and otherwise only a tag (skopeo, umoci, containerd write {@code 1.0}), which becomes
 * {@code localhost/REPO:TAG} with REPO taken from the archive's file name ({@code app.tar} → {@code localhost/app}),
 * or {@code localhost/loaded} for a stream. An image without any name gets {@code localhost/REPO:latest}.
 */
final class ArchiveNames {
    private ArchiveNames() {
    }

    /** The repository for tag-only names: {@code localhost/} and the file name without extensions, cleaned. */
    static String defaultRepository(String fileName) {
        if (fileName == null) {
            return "localhost/loaded";
        }
        String stem = fileName;
        int dot = stem.indexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        StringBuilder sb = new StringBuilder();
        for (char c : stem.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (ok) {
                sb.append(c);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        return "localhost/" + (sb.length() == 0 ? "loaded" : sb);
    }

    /** The name an index entry gives, or null when it gives none. */
    static Reference fromAnnotations(Map<String, String> annotations, String defaultRepository) {
        String full = annotations.get(OciArchiveSaver.CONTAINERD_NAME);
        if (full != null && !full.isEmpty()) {
            return parse(full, OciArchiveSaver.CONTAINERD_NAME);
        }
        String ref = annotations.get(ImageIndex.REF_NAME);
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        if (ref.indexOf('/') >= 0 || ref.indexOf(':') >= 0 || ref.indexOf('@') >= 0) {
            return parse(ref, ImageIndex.REF_NAME);
        }
        return parse(defaultRepository + ":" + ref, ImageIndex.REF_NAME);
    }

    /** A {@code RepoTags} entry of {@code manifest.json}. */
    static Reference fromRepoTag(String tag) {
        return parse(tag, "RepoTags");
    }

    /** The name of the {@code n}th unnamed image (0-based) of an archive. */
    static Reference unnamed(String defaultRepository, int n, Digest id) {
        return Reference.parse(defaultRepository + ":" + (n == 0 ? "latest" : id.shortHex()));
    }

    private static Reference parse(String text, String field) {
        try {
            Reference r = Reference.parse(text);
            if (r.tag() == null) {
                throw new ArchiveException("the archive names an image '" + text + "' (" + field + ") without a "
                        + "tag; jailcell keeps images by tagged names: tag it before saving");
            }
            return r;
        } catch (ImageFormatException e) {
            throw new ArchiveException("the archive names an image '" + text + "' (" + field + "), which is not a "
                    + "valid image name: " + e.getMessage(), e);
        }
    }
}
