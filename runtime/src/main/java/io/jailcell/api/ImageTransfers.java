package io.jailcell.api;

import io.jailcell.image.Reference;
import io.jailcell.registry.ClientOptions;
import io.jailcell.registry.Credential;
import io.jailcell.registry.RegistryClient;
import io.jailcell.store.LocalImages;

/** Pull, push, login and logout for {@link Images}: the registry client with the public errors. */
final class ImageTransfers {
    private ImageTransfers() {
    }

    static String pull(LocalImages local, String ref, RegistryOptions options) {
        ClientOptions o = Registries.options(options);
        return Errors.translate(() -> RegistryClient.of(local.images(), o).pull(ref).name());
    }

    /** Whether a missing image named {@code text} is worth a pull: a reference, not a path or an image id. */
    static boolean pullable(String text) {
        if (text.startsWith("/") || text.startsWith("sha256:") || text.matches("[0-9a-f]{12,64}")) {
            return false;
        }
        try {
            Reference.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String push(LocalImages local, String ref, RegistryOptions options) {
        ClientOptions o = Registries.options(options);
        return Errors.translate(() -> RegistryClient.of(local.images(), o).push(Reference.parse(ref).toString()));
    }

    static void login(String host, String user, String password, RegistryOptions options) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new InvalidSpecException("login needs a user name and a password (or token)");
        }
        ClientOptions o = Registries.options(options);
        Errors.run(() -> RegistryClient.login(host(host), Credential.of(user, password), o));
    }

    static boolean logout(String host) {
        return Errors.translate(() -> RegistryClient.logout(host(host), ClientOptions.defaults()));
    }

    /** {@code docker.io}, {@code index.docker.io}, {@code https://index.docker.io/v1/} all mean Docker Hub. */
    static String host(String text) {
        String h = text.trim().replaceFirst("^https?://", "");
        int slash = h.indexOf('/');
        h = slash < 0 ? h : h.substring(0, slash);
        if (h.isEmpty()) {
            throw new InvalidSpecException("name a registry host, e.g. jailcell login 127.0.0.1:5000");
        }
        return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? Reference.DOCKER_HUB : h;
    }
}
