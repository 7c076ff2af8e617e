package io.jailcell.registry;

import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's credentials file, {@code config.json} with {@code "auths": {"HOST": {"auth": base64(user:secret)}}},
 * which docker, podman and skopeo read too. Its path is the first of: the system property
 * {@code jailcell.auth.file}, {@code $REGISTRY_AUTH_FILE} (as podman), {@code $DOCKER_CONFIG/config.json},
 * {@code ~/.docker/config.json}. The file is written with mode 0600 and every other key in it is kept.
 *
 * <p>As in docker, a credential helper named for the host in {@code "credHelpers": {"HOST": "NAME"}}, or else in
 * {@code "credsStore": "NAME"}, holds the secrets instead: {@code docker-credential-NAME} on {@code PATH} is run to
 * get, store and erase them (see {@link CredentialHelper}), and the file keeps only an empty {@code auths} entry
 * for the host, as docker's does.
 *
 * <pre>{@code
 * AuthFile f = AuthFile.standard();
 * f.save("127.0.0.1:5000", Credential.of("alice", "s3cret"));
 * f.find("127.0.0.1:5000");   // Optional[Credential[user=alice, secret=****]]
 * }</pre>
 */
public final class AuthFile {
    private static final String HUB_KEY = "https://index.docker.io/v1/";
    private final Path file;
    private final String helperPath;

    private AuthFile(Path file, String helperPath) {
        this.file = file;
        this.helperPath = helperPath;
    }

    public static AuthFile at(Path file) {
        return new AuthFile(file, System.getenv("PATH"));
    }

    /** This file, looking for credential helpers in {@code searchPath} (a {@code PATH} value) instead of PATH. */
    AuthFile withHelperPath(String searchPath) {
        return new AuthFile(file, searchPath);
    }

    public static AuthFile standard() {
        String prop = System.getProperty("jailcell.auth.file");
        if (prop != null && !prop.isEmpty()) {
            return at(Path.of(prop));
        }
        String env = System.getenv("REGISTRY_AUTH_FILE");
        if (env != null && !env.isEmpty()) {
            return at(Path.of(env));
        }
        String dc = System.getenv("DOCKER_CONFIG");
        if (dc != null && !dc.isEmpty()) {
            return at(Path.of(dc, "config.json"));
        }
        return at(Path.of(System.getProperty("user.home"), ".docker", "config.json"));
    }

    public Path path() {
        return file;
    }

    /**
     * The credential stored for {@code host} ({@code docker.io} finds docker's Hub key): from its credential
     * helper when one is configured, else from {@code auths} ({@code auth}, or an {@code identitytoken}).
     */
    public java.util.Optional<Credential> find(String host) {
        Map<String, Object> doc = read();
        CredentialHelper helper = helper(doc, host);
        if (helper != null) {
            return helper.get(server(host));
        }
        Map<String, Object> auths = auths(doc);
        for (String key : keys(host)) {
            if (auths.get(key) instanceof Map<?, ?> entry) {
                if (entry.get("identitytoken") instanceof String t && !t.isEmpty()) {
                    return java.util.Optional.of(Credential.identityToken(t));
                }
                if (entry.get("auth") instanceof String a && !a.isEmpty()) {
                    Credential c = Credential.fromBase64(a);
                    if (c != null) {
                        return java.util.Optional.of(c);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Stores {@code credential} for {@code host}, replacing what was there: in its credential helper when one is
     * configured (the file then gets an empty entry for the host), else base64 in the file.
     */
    public void save(String host, Credential credential) {
        Map<String, Object> doc = read();
        CredentialHelper helper = helper(doc, host);
        if (helper != null) {
            helper.store(server(host), credential);
        }
        Map<String, Object> auths = auths(doc);
        for (String key : keys(host)) {
            auths.remove(key);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        if (helper == null) {
            entry.put("auth", credential.base64());
        }
        auths.put(keys(host).get(0), entry);
        doc.put("auths", auths);
        write(doc);
    }

    /** Removes the credential of {@code host} (from its credential helper too); returns whether there was one. */
    public boolean remove(String host) {
        Map<String, Object> doc = read();
        CredentialHelper helper = helper(doc, host);
        boolean found = helper != null && helper.erase(server(host));
        Map<String, Object> auths = auths(doc);
        boolean inFile = false;
        for (String key : keys(host)) {
            inFile |= auths.remove(key) != null;
        }
        if (inFile) {
            doc.put("auths", auths);
            write(doc);
        }
        return found || inFile;
    }

    /** The helper {@code credHelpers} names for the host, else {@code credsStore}'s; null when neither is set. */
    private CredentialHelper helper(Map<String, Object> doc, String host) {
        if (doc.get("credHelpers") instanceof Map<?, ?> helpers) {
            for (String key : keys(host)) {
                if (helpers.get(key) instanceof String name && !name.isEmpty()) {
                    return CredentialHelper.onPath(name, helperPath, "credHelpers \"" + key + "\" in " + file);
                }
            }
        }
        if (doc.get("credsStore") instanceof String name && !name.isEmpty()) {
            return CredentialHelper.onPath(name, helperPath, "credsStore in " + file);
        }
        return null;
    }

    /** The server name docker hands a credential helper: the host, or the Hub's v1 URL for Docker Hub. */
    private static String server(String host) {
        return keys(host).get(0);
    }

    private static List<String> keys(String host) {
        if (host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            return List.of(HUB_KEY, "docker.io", "index.docker.io", "registry-1.docker.io");
        }
        return List.of(host, "https://" + host, "http://" + host, "https://" + host + "/v1/");
    }

    private Map<String, Object> read() {
        try {
            return new LinkedHashMap<>(Json.parseObject(Files.readAllBytes(file), file.toString()));
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        } catch (ImageFormatException e) {
            throw new IllegalArgumentException("the credentials file " + file + " is damaged (" + e.getMessage()
                    + "); fix or remove it, then log in again");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> auths(Map<String, Object> doc) {
        Object a = doc.get("auths");
        return a instanceof Map ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
    }

    private void write(Map<String, Object> doc) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, Json.write(doc));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file + ": " + e.getMessage(), e);
        }
    }
}
