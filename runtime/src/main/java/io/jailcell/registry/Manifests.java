package io.jailcell.registry;

import io.jailcell.image.Digest;
import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Json;
import io.jailcell.image.MediaTypes;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/** Fetching manifests and indexes by tag or digest, with every digest the registry claims checked. */
final class Manifests {
    /** What a manifest request accepts, in Docker's order of preference. */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);
    private static final int LIMIT = 4 << 20;

    private Manifests() {
    }

    /** A manifest or index as the registry sent it. */
    record Fetched(byte[] bytes, String mediaType, Digest digest) {
    }

    /**
     * GETs {@code /v2/REPO/manifests/REFERENCE}; when {@code expected} is given the content must hash to it, and a
     * {@code Docker-Content-Digest} header must agree with the content.
     */
    static Fetched get(Session s, String repo, String reference, Digest expected, String what) {
        HttpResponse<InputStream> r = s.send("GET", s.base.resolve("/v2/" + repo + "/manifests/" + reference),
                Map.of("Accept", ACCEPT), null, "repository:" + repo + ":pull");
        if (r.statusCode() != 200) {
            throw Http.error(r, s.host, what, s.hasCredential());
        }
        byte[] bytes = Http.readLimited(r, LIMIT);
        Digest actual = Digest.of(bytes);
        if (expected != null && !expected.equals(actual)) {
            throw new RegistryException(RegistryException.Kind.INVALID, "registry " + s.host + " sent " + what
                    + " with digest " + actual + ", not the " + expected + " asked for; nothing was kept");
        }
        String claimed = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (claimed != null && !claimed.equals(actual.toString())) {
            throw new RegistryException(RegistryException.Kind.INVALID, "registry " + s.host + " sent " + what
                    + " whose content hashes to " + actual + " but says it is " + claimed + "; nothing was kept");
        }
        return new Fetched(bytes, mediaType(bytes, r, what), actual);
    }

    private static String mediaType(byte[] bytes, HttpResponse<InputStream> r, String what) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(bytes, what);
        } catch (ImageFormatException e) {
            throw new RegistryException(RegistryException.Kind.INVALID, what + " is not valid JSON: "
                    + e.getMessage());
        }
        if (json.get("mediaType") instanceof String t && !t.isEmpty()) {
            return t;
        }
        if (json.get("manifests") instanceof java.util.List) {
            return MediaTypes.OCI_INDEX;
        }
        String header = r.headers().firstValue("Content-Type").orElse("");
        int semi = header.indexOf(';');
        header = (semi < 0 ? header : header.substring(0, semi)).trim();
        if (MediaTypes.isIndex(header) || MediaTypes.isManifest(header)) {
            return header;
        }
        if (json.get("schemaVersion") instanceof Long v && v == 1L) {
            return "application/vnd.docker.distribution.manifest.v1+json (schema 1)";
        }
        return MediaTypes.OCI_MANIFEST;
    }
}
