package io.jailcell.registry;

import io.jailcell.api.Jailcell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Temporary jailcell stores for the registry tests, removed with their containers on close. */
final class Stores implements AutoCloseable {
    final Path dir;
    private final List<Jailcell> opened = new ArrayList<>();

    Stores() {
        try {
            dir = Files.createTempDirectory("jc-registry-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty store. */
    Jailcell open(String name) {
        Jailcell jc = Jailcell.open(dir.resolve(name));
        opened.add(jc);
        return jc;
    }

    @Override
    public void close() {
        for (Jailcell jc : opened) {
            jc.containers(true).forEach(c -> jc.container(c.id()).remove(true));
            jc.awaitCleanup();
        }
        RegistryServer.run("rm", "-rf", dir.toString());
    }
}
