package io.jailcell.store.archive;

import io.jailcell.store.StoreException;

/**
 * The two image archive formats: an OCI image layout in a tar ({@code skopeo copy ... oci-archive:FILE},
 * {@code podman save --format oci-archive}) and the {@code docker save} tar ({@code manifest.json} and
 * uncompressed layers; {@code docker load}, {@code podman load}, {@code skopeo ... docker-archive:FILE}).
 *
 * <pre>{@code
 * Format f = Format.parse("oci-archive");   // Format.OCI_ARCHIVE
 * f.cliName();                              // "oci-archive"
 * }</pre>
 */
public enum Format {
    OCI_ARCHIVE("oci-archive"),
    DOCKER_ARCHIVE("docker-archive");

    private final String cliName;

    Format(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code --format} takes, as podman spells it. */
    public String cliName() {
        return cliName;
    }

    /** {@code oci-archive} or {@code docker-archive}; null or empty means docker-archive, as {@code docker save}. */
    public static Format parse(String text) {
        if (text == null || text.isEmpty()) {
            return DOCKER_ARCHIVE;
        }
        for (Format f : values()) {
            if (f.cliName.equals(text)) {
                return f;
            }
        }
        throw new StoreException("unknown archive format '" + text + "': use oci-archive or docker-archive");
    }
}
