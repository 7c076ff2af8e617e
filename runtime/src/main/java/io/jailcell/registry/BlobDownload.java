package io.jailcell.registry;

import io.jailcell.image.Descriptor;
import io.jailcell.store.Blobs;
import io.jailcell.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Fetches one blob into a staged file of the store, verified by {@link Blobs#stage}; the caller commits it (fsync
 * and rename), so that the download thread can go on to the next blob. A connection that drops midway is resumed
 * with {@code Range} where the registry answers 206; otherwise the blob is fetched again from its start. Never
 * more than the descriptor's size is read.
 */
final class BlobDownload {
    private static final int RESUMES = 3;
    private static final int RESTARTS = 2;

    private BlobDownload() {
    }

    /** The blob, verified and staged; null when the store has it already (reported to {@code l} as skipped). */
    static Blobs.Staged fetch(Session s, String repo, Descriptor d, Blobs blobs, Progress l, String what) {
        if (blobs.has(d.digest())) {
            l.done(d.digest().toString(), d.size(), true);
            return null;
        }
        l.started(d.digest().toString(), d.size());
        URI uri = s.base.resolve("/v2/" + repo + "/blobs/" + d.digest());
        for (int attempt = 1; ; attempt++) {
            long[] got = {0};
            try {
                return blobs.stage(d.digest(), out -> copy(s, repo, uri, d, out, got, l, what));
            } catch (StoreException e) {
                throw new RegistryException(RegistryException.Kind.INVALID, what + " from " + s.host + "/" + repo
                        + " does not match its digest " + d.digest() + " (a broken registry or proxy, or the image"
                        + " was tampered with); nothing of it was kept", e);
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof Truncated t)) {
                    throw new RegistryException(RegistryException.Kind.FAILED, "cannot store " + what + ": "
                            + e.getMessage(), e);
                }
                if (attempt >= RESTARTS) {
                    throw new RegistryException(RegistryException.Kind.INVALID, what + " (" + d.digest() + ") from "
                            + s.host + "/" + repo + " was cut short: got " + got[0] + " of " + d.size() + " bytes in "
                            + attempt + " tries (" + t.getMessage() + "); the registry or a proxy drops the "
                            + "connection: try again. Nothing of it was kept", t);
                }
            }
        }
    }

    private static void copy(Session s, String repo, URI uri, Descriptor d, OutputStream out, long[] got,
                             Progress l, String what) throws IOException {
        IOException last = null;
        for (int resume = 0; resume <= RESUMES; resume++) {
            Map<String, String> h = got[0] == 0 ? Map.of() : Map.of("Range", "bytes=" + got[0] + "-");
            HttpResponse<InputStream> r = s.send("GET", uri, h, null, "repository:" + repo + ":pull");
            if (got[0] > 0 && r.statusCode() != 206) {
                Http.drain(r);
                throw new Truncated("the registry cannot resume (no range support)");
            }
            if (r.statusCode() != 200 && r.statusCode() != 206) {
                throw Http.error(r, s.host, what + " (" + d.digest() + ") of " + repo, s.hasCredential());
            }
            try (InputStream in = r.body()) {
                byte[] buf = new byte[1 << 16];
                long lastReport = got[0];
                int n;
                while ((n = in.read(buf, 0, (int) Math.min(buf.length, d.size() - got[0] + 1))) > 0) {
                    if (got[0] + n > d.size()) {
                        throw new RegistryException(RegistryException.Kind.INVALID, what + " (" + d.digest()
                                + ") from " + s.host + "/" + repo + " is larger than the " + d.size()
                                + " bytes its manifest gives; nothing of it was kept");
                    }
                    out.write(buf, 0, n);
                    got[0] += n;
                    if (got[0] - lastReport >= 1 << 20) {
                        l.progress(d.digest().toString(), got[0], d.size());
                        lastReport = got[0];
                    }
                }
            } catch (IOException e) {
                last = e;
            }
            if (got[0] == d.size()) {
                return;
            }
            if (last == null) {
                last = new IOException("the connection ended early");
            }
        }
        throw new Truncated(last.getMessage() != null ? last.getMessage() : last.toString());
    }

    /** The body ended before the blob's size. */
    private static final class Truncated extends IOException {
        Truncated(String message) {
            super(message);
        }
    }
}
