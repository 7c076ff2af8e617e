package io.jailcell.registry;

import io.jailcell.image.Platform;

/**
 * How to reach registries: TLS, credentials, the platform to pull, parallelism, the docker.io mirror. Immutable;
 * each {@code with} method returns a copy.
 *
 * <pre>{@code
 * ClientOptions o = ClientOptions.defaults().platform(Platform.parse("linux/arm64")).tlsVerify(false);
 * }</pre>
 *
 * @param platform    the platform to pick from a multi-platform image; null for this host's
 * @param tlsVerify   false allows plain HTTP and unverified certificates for every registry (loopback registries
 *                    may use plain HTTP always, as Docker allows)
 * @param credential  credentials to use instead of the credentials file; null to look them up
 * @param authFile    where stored credentials are looked up
 * @param listener    progress events
 * @param parallel    how many blobs move at once
 * @param chunkSize   push uploads in PATCH chunks of this size; 0 uploads each blob in one PUT
 * @param dockerMirror base URL of a mirror of docker.io ({@code http://127.0.0.1:5001}), or null; defaults to
 *                    {@code $JAILCELL_REGISTRY_MIRROR}
 */
public record ClientOptions(Platform platform, boolean tlsVerify, Credential credential, AuthFile authFile,
                              Progress listener, int parallel, long chunkSize, String dockerMirror) {

    public static ClientOptions defaults() {
        String mirror = System.getenv("JAILCELL_REGISTRY_MIRROR");
        return new ClientOptions(null, true, null, AuthFile.standard(), Progress.SILENT, 4, 0,
                mirror == null || mirror.isBlank() ? null : mirror.trim());
    }

    public ClientOptions platform(Platform p) {
        return new ClientOptions(p, tlsVerify, credential, authFile, listener, parallel, chunkSize, dockerMirror);
    }

    public ClientOptions tlsVerify(boolean on) {
        return new ClientOptions(platform, on, credential, authFile, listener, parallel, chunkSize, dockerMirror);
    }

    public ClientOptions credential(Credential c) {
        return new ClientOptions(platform, tlsVerify, c, authFile, listener, parallel, chunkSize, dockerMirror);
    }

    public ClientOptions authFile(AuthFile f) {
        return new ClientOptions(platform, tlsVerify, credential, f, listener, parallel, chunkSize, dockerMirror);
    }

    public ClientOptions listener(Progress l) {
        return new ClientOptions(platform, tlsVerify, credential, authFile, l == null ? Progress.SILENT : l,
                parallel, chunkSize, dockerMirror);
    }

    public ClientOptions parallel(int n) {
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("parallel transfers must be 1 to 16, not " + n);
        }
        return new ClientOptions(platform, tlsVerify, credential, authFile, listener, n, chunkSize, dockerMirror);
    }

    public ClientOptions chunkSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("chunk size must be 0 (one PUT) or positive, not " + bytes);
        }
        return new ClientOptions(platform, tlsVerify, credential, authFile, listener, parallel, bytes, dockerMirror);
    }

    public ClientOptions dockerMirror(String url) {
        return new ClientOptions(platform, tlsVerify, credential, authFile, listener, parallel, chunkSize, url);
    }

    @Override
    public String toString() {
        return "ClientOptions[platform=" + platform + ", tlsVerify=" + tlsVerify + ", credential=" + credential
                + ", parallel=" + parallel + ", chunkSize=" + chunkSize + ", dockerMirror=" + dockerMirror + "]";
    }
}
