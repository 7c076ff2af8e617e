package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.Trees;
import io.jailcell.store.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates containers for {@link ContainerEngine#create}: checks the configuration, reserves the name and makes the
 * container's directories, anonymous volumes and state file; a create that fails leaves none of them.
 */
final class ContainerCreator {
    private final StateStore states;
    private final VolumeStore volumes;

    ContainerCreator(StateStore states, VolumeStore volumes) {
        this.states = states;
        this.volumes = volumes;
    }

    /** Records container {@code id} with {@code config}; {@code name} may be null or empty for a generated one. */
    ContainerRecord create(String id, String name, ContainerConfig config) {
        for (String layer : config.rootfsLayers()) {
            if (!Files.isDirectory(Path.of(layer))) {
                throw new ContainerException(Kind.INVALID, "the root filesystem layer " + layer
                        + " of image " + config.image() + " is not a directory");
            }
        }
        OverlayRoot.checkLayerCount(config.image(), config.rootfsLayers().size());
        if (config.command().isEmpty()) {
            throw new ContainerException(Kind.INVALID, "no command specified: give one after the image name");
        }
        String chosen = name == null || name.isEmpty() ? Names.generate() : name;
        Names.check(chosen);
        Path dir = states.dir(id);
        try {
            // The directory first: a name whose container directory exists is never taken over as stale.
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try {
            states.reserveName(chosen, id);
        } catch (RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
        try {
            ContainerRecord record = ContainerRecord.fresh(id, chosen, config);
            Files.createDirectories(dir.resolve("rootfs"));
            Path upper = Files.createDirectories(dir.resolve("diff"));
            Files.createDirectories(dir.resolve("work"));
            if (!config.rootless() && "private".equals(config.namespaces().get("user"))) {
                // The container's root (host uid 100000) writes its changes here; see LaunchPlanner.
                Files.setAttribute(upper, "unix:uid", LaunchPlanner.ROOT_USERNS_BASE);
                Files.setAttribute(upper, "unix:gid", LaunchPlanner.ROOT_USERNS_BASE);
            }
            AnonymousVolumes.create(config, volumes);
            states.save(record);
            return record;
        } catch (IOException | RuntimeException e) {
            Trees.delete(states.dir(id));
            states.releaseName(chosen, id);
            if (AnonymousVolumes.hasAny(config)) {
                AnonymousVolumes.remove(ContainerRecord.fresh(id, chosen, config), volumes, List.of());
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }
}
