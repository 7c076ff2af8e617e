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
 * {@code ~/.docker/config.json}. Credential helpers ({@code credsStore}) are not run. The file is written with mode
 * 0600 and every other key in it is kept.
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

    private AuthFile(Path file) {
        this.file = file;
    }

    public static AuthFile at(Path file) {
        return new AuthFile(file);
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

    /** The credential stored for {@code host} ({@code docker.io} finds docker's Hub key). */
    public java.util.Optional<Credential> find(String host) {
        Map<String, Object> auths = auths(read());
        for (String key : keys(host)) {
            if (auths.get(key) instanceof Map<?, ?> entry && entry.get("auth") instanceof String a && !a.isEmpty()) {
                Credential c = Credential.fromBase64(a);
                if (c != null) {
                    return java.util.Optional.of(c);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Stores {@code credential} for {@code host}, replacing what was there. */
    public void save(String host, Credential credential) {
        Map<String, Object> doc = read();
        Map<String, Object> auths = auths(doc);
        for (String key : keys(host)) {
            auths.remove(key);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("auth", credential.base64());
        auths.put(keys(host).get(0), entry);
        doc.put("auths", auths);
        write(doc);
    }

    /** Removes the credential of {@code host}; returns whether there was one. */
    public boolean remove(String host) {
        Map<String, Object> doc = read();
        Map<String, Object> auths = auths(doc);
        boolean found = false;
        for (String key : keys(host)) {
            found |= auths.remove(key) != null;
        }
        if (found) {
            doc.put("auths", auths);
            write(doc);
        }
        return found;
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
