package io.jailcell.registry;

import io.jailcell.image.ImageFormatException;
import io.jailcell.image.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper, the program {@code docker-credential-NAME} on {@code PATH} that {@code credsStore} or
 * {@code credHelpers} in docker's {@code config.json} name, run as docker runs it: {@code get} and {@code erase}
 * read the server (a host, or {@code https://index.docker.io/v1/} for Docker Hub) on stdin, {@code get} answers
 * {@code {"ServerURL": .., "Username": .., "Secret": ..}} on stdout, and {@code store} reads that JSON on stdin. A
 * {@code <token>} user name marks an identity token. "credentials not found" means none; any other failure is an
 * error that quotes the helper's output, with a secret it echoed masked.
 *
 * <pre>{@code
 * CredentialHelper h = CredentialHelper.onPath("pass", System.getenv("PATH"), "credsStore in ~/.docker/config.json");
 * h.get("127.0.0.1:5000");   // Optional[Credential[user=alice, secret=****]]
 * }</pre>
 */
final class CredentialHelper {
    private static final String PREFIX = "docker-credential-";
    private static final String NOT_FOUND = "credentials not found in native keychain";
    private static final long TIMEOUT_SECONDS = 120; // a helper may wait for a keyring or GPG passphrase prompt

    private final Path program;
    private final String origin;

    CredentialHelper(Path program, String origin) {
        this.program = program;
        this.origin = origin;
    }

    /**
     * {@code docker-credential-NAME} found in {@code searchPath} (a {@code PATH} value); {@code origin} says where
     * the name was configured, for errors.
     */
    static CredentialHelper onPath(String name, String searchPath, String origin) {
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new RegistryException(RegistryException.Kind.FAILED, "'" + name + "' (" + origin + ") is not a "
                    + "credential helper name: use the part after docker-credential-, e.g. \"pass\" or "
                    + "\"secretservice\"");
        }
        for (String dir : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, PREFIX + name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new CredentialHelper(p, origin);
            }
        }
        throw new RegistryException(RegistryException.Kind.FAILED, "the credential helper " + PREFIX + name + " ("
                + origin + ") is not on PATH: install it, or remove it from the configuration to use the "
                + "credentials in the file itself");
    }

    /** The credential for {@code server}, or empty when the helper has none. */
    Optional<Credential> get(String server) {
        Result r = run("get", server.getBytes(StandardCharsets.UTF_8));
        if (r.code != 0) {
            if (r.out.contains(NOT_FOUND)) {
                return Optional.empty();
            }
            throw failed("get", server, r, null);
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(r.out.getBytes(StandardCharsets.UTF_8), PREFIX + " get");
        } catch (ImageFormatException e) {
            throw new RegistryException(RegistryException.Kind.FAILED, "the credential helper " + program
                    + " (" + origin + ") answered get for " + server + " with something that is not its JSON; "
                    + "check the helper");
        }
        Object user = json.get("Username");
        Object secret = json.get("Secret");
        if (!(secret instanceof String s) || s.isEmpty()) {
            return Optional.empty();
        }
        if (Credential.TOKEN_USER.equals(user)) {
            return Optional.of(Credential.identityToken(s));
        }
        if (!(user instanceof String u) || u.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Credential.of(u, s));
    }

    /** Hands {@code credential} for {@code server} to the helper. */
    void store(String server, Credential credential) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ServerURL", server);
        json.put("Username", credential.user());
        json.put("Secret", credential.secret());
        Result r = run("store", Json.write(json));
        if (r.code != 0) {
            throw failed("store", server, r, credential.secret());
        }
    }

    /** Makes the helper forget {@code server}; false when it had nothing for it. */
    boolean erase(String server) {
        Result r = run("erase", server.getBytes(StandardCharsets.UTF_8));
        if (r.code != 0) {
            if (r.out.contains(NOT_FOUND)) {
                return false;
            }
            throw failed("erase", server, r, null);
        }
        return true;
    }

    private record Result(int code, String out) {
    }

    private Result run(String action, byte[] stdin) {
        Process p;
        try {
            p = new ProcessBuilder(program.toString(), action).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.FAILED, "cannot run the credential helper " + program
                    + " (" + origin + "): " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream(); InputStream out = p.getInputStream()) {
            try {
                in.write(stdin);
            } catch (IOException e) {
                // the helper exited without reading; its exit code says why
            }
            in.close();
            byte[] b = out.readNBytes(1 << 20);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RegistryException(RegistryException.Kind.FAILED, "the credential helper " + program + " ("
                        + origin + ") did not answer " + action + " within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(b, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            p.destroyForcibly();
            throw new RegistryException(RegistryException.Kind.FAILED, "cannot talk to the credential helper "
                    + program + " (" + origin + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.FAILED, "interrupted while waiting for the "
                    + "credential helper " + program, e);
        }
    }

    private RegistryException failed(String action, String server, Result r, String secret) {
        String said = r.out.length() > 300 ? r.out.substring(0, 300) + "..." : r.out;
        if (secret != null && !secret.isEmpty()) {
            said = said.replace(secret, "****");
        }
        return new RegistryException(RegistryException.Kind.FAILED, "the credential helper " + program + " ("
                + origin + ") failed to " + action + " the credentials of " + server + " (exit " + r.code
                + (said.isEmpty() ? "" : ": " + said) + ")");
    }
}
