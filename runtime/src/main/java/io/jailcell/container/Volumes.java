package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.VolumeStore;
import java.util.List;
import java.util.function.Supplier;

/** Named volumes: {@code docker volume create|ls|inspect|rm}, with the check that no container uses one. */
public final class Volumes {
    private final VolumeStore store;
    private final Supplier<List<ContainerRecord>> containers;

    Volumes(VolumeStore store, Supplier<List<ContainerRecord>> containers) {
        this.store = store;
        this.containers = containers;
    }

    /** The named volumes of this store. */
    public List<VolumeStore.Volume> list() {
        return store.list();
    }

    /** Creates a named volume; an existing one is left as it is. */
    public VolumeStore.Volume create(String name) {
        MountSpec.checkVolumeName(name);
        store.ensure(name, null);
        return store.get(name);
    }

    /** Where the data of volume {@code name} is (or would be); looks at nothing on disk. */
    public java.nio.file.Path dataPath(String name) {
        return store.dataPath(name);
    }

    /** A named volume, or NOT_FOUND. */
    public VolumeStore.Volume get(String name) {
        if (!store.exists(name)) {
            throw new ContainerException(Kind.NOT_FOUND, "No such volume: " + name);
        }
        return store.get(name);
    }

    /** Removes a named volume and its data; refused while any container (running or not) uses it. */
    public void remove(String name) {
        get(name);
        for (ContainerRecord r : containers.get()) {
            for (MountSpec m : r.config().mounts()) {
                if (m.type() == MountSpec.Type.VOLUME && m.source().equals(name)) {
                    throw new ContainerException(Kind.CONFLICT, "remove " + name + ": volume is in use - ["
                            + r.id() + "] (remove container " + r.name() + " first)");
                }
            }
        }
        store.delete(name);
    }
}
