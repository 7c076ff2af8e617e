package io.jailcell.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A docker credential helper for tests, {@code DIR/docker-credential-NAME}: a shell script speaking docker's
 * protocol ({@code get}, {@code store}, {@code erase}; the server on stdin, JSON out and in) that keeps each stored
 * JSON in {@code DIR/NAME.store/} and appends every action and its stdin to {@code DIR/NAME.log}. A {@code get} of
 * a server it does not have answers docker's "credentials not found in native keychain" with exit status 1; any
 * action on {@code broken.example} fails with exit status 3, echoing its stdin (as a careless helper might).
 */
final class CredentialHelperScript {
    private CredentialHelperScript() {
    }

    static Path write(Path dir, String name) {
        String script = """
                #!/bin/sh
                here=$(dirname "$0")
                store="$here/NAME.store"
                mkdir -p "$store"
                input=$(cat)
                printf '%s %s\\n' "$1" "$input" >> "$here/NAME.log"
                case "$1" in
                  store) server=$(printf '%s' "$input" | sed -E 's/.*"ServerURL" *: *"([^"]*)".*/\\1/') ;;
                  *) server=$input ;;
                esac
                if [ "$server" = broken.example ]; then echo "the keyring is locked (input: $input)"; exit 3; fi
                key=$(printf '%s' "$server" | sha256sum | cut -c1-16)
                case "$1" in
                  get)
                    if [ -f "$store/$key" ]; then cat "$store/$key"; else echo "credentials not found in native keychain"; exit 1; fi ;;
                  store) printf '%s' "$input" > "$store/$key" ;;
                  erase)
                    if [ -f "$store/$key" ]; then rm "$store/$key"; else echo "credentials not found in native keychain"; exit 1; fi ;;
                  *) echo "unknown action $1"; exit 2 ;;
                esac
                """.replace("NAME", name);
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve("docker-credential-" + name);
            Files.writeString(p, script);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a credential into the helper's store as its {@code store} action would. */
    static void preload(Path dir, String name, String server, String user, String secret) {
        String json = "{\"ServerURL\":\"" + server + "\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret + "\"}";
        try {
            Path store = Files.createDirectories(dir.resolve(name + ".store"));
            Process p = new ProcessBuilder("sh", "-c", "printf '%s' \"$1\" | sha256sum | cut -c1-16", "sh", server)
                    .start();
            String key = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            Files.writeString(store.resolve(key), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The helper's log: one line per action, the action then its stdin. */
    static List<String> log(Path dir, String name) {
        try {
            Path log = dir.resolve(name + ".log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
