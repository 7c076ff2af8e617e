package io.jailcell.image;

/** The media types of the OCI image spec and of Docker's image format v2 schema 2. */
public final class MediaTypes {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private MediaTypes() {
    }

    public static boolean isIndex(String type) {
        return OCI_INDEX.equals(type) || DOCKER_MANIFEST_LIST.equals(type);
    }

    public static boolean isManifest(String type) {
        return OCI_MANIFEST.equals(type) || DOCKER_MANIFEST.equals(type);
    }

    /** Whether a layer of this type is a tar this runtime can apply (plain or gzip). */
    public static boolean isSupportedLayer(String type) {
        return OCI_LAYER.equals(type) || OCI_LAYER_GZIP.equals(type) || DOCKER_LAYER_GZIP.equals(type)
                || "application/vnd.docker.image.rootfs.diff.tar".equals(type);
    }
}
