package io.jailcell.api;

/**
 * How a pull, push or login reaches a registry. Immutable; every method returns a copy. The password is never
 * shown by {@link #toString()}.
 *
 * <pre>{@code
 * jc.images().pull("127.0.0.1:5000/app:1", RegistryOptions.defaults().platform("linux/arm64"));
 * jc.images().push("registry.example/app:1", RegistryOptions.defaults().credentials("alice", token));
 * jc.images().pull("myhost:5000/app:1", RegistryOptions.defaults().tlsVerify(false));   // plain HTTP allowed
 * }</pre>
 */
public final class RegistryOptions {
    final String platform;
    final boolean tlsVerify;
    final String user;
    final String password;
    final TransferListener listener;
    final int parallel;
    final long chunkSize;

    private RegistryOptions(String platform, boolean tlsVerify, String user, String password,
                            TransferListener listener, int parallel, long chunkSize) {
        this.platform = platform;
        this.tlsVerify = tlsVerify;
        this.user = user;
        this.password = password;
        this.listener = listener;
        this.parallel = parallel;
        this.chunkSize = chunkSize;
    }

    /**
     * This host's platform, TLS verified (plain HTTP only for {@code localhost} and {@code 127.*}), credentials
     * from the credentials file, 4 blobs at a time, one PUT per blob.
     */
    public static RegistryOptions defaults() {
        return new RegistryOptions(null, true, null, null, null, 4, 0);
    }

    /** The platform to pick from a multi-platform image: {@code linux/arm64}, {@code linux/arm/v7}. */
    public RegistryOptions platform(String osArch) {
        return new RegistryOptions(osArch, tlsVerify, user, password, listener, parallel, chunkSize);
    }

    /** false: allow plain HTTP and unverified certificates ({@code --tls-verify=false}). */
    public RegistryOptions tlsVerify(boolean on) {
        return new RegistryOptions(platform, on, user, password, listener, parallel, chunkSize);
    }

    /** Credentials for this call, instead of those stored by {@code login}. */
    public RegistryOptions credentials(String user, String password) {
        return new RegistryOptions(platform, tlsVerify, user, password, listener, parallel, chunkSize);
    }

    public RegistryOptions listener(TransferListener l) {
        return new RegistryOptions(platform, tlsVerify, user, password, l, parallel, chunkSize);
    }

    /** How many blobs move at once (1 to 16). */
    public RegistryOptions parallel(int n) {
        return new RegistryOptions(platform, tlsVerify, user, password, listener, n, chunkSize);
    }

    /** Push blobs larger than this in PATCH chunks of this size; 0 (the default) sends each in one PUT. */
    public RegistryOptions chunkSize(long bytes) {
        return new RegistryOptions(platform, tlsVerify, user, password, listener, parallel, bytes);
    }

    @Override
    public String toString() {
        return "RegistryOptions[platform=" + platform + ", tlsVerify=" + tlsVerify + ", user=" + user
                + (password != null ? ", password=****" : "") + ", parallel=" + parallel + ", chunkSize=" + chunkSize
                + "]";
    }
}
