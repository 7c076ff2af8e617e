package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import io.jailcell.store.VolumeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Volumes, named and anonymous: {@code docker volume create|ls|inspect|rm|prune}, with the check that no
 * container uses one.
 */
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
        ContainerRecord user = userOf(name, containers.get());
        if (user != null) {
            throw new ContainerException(Kind.CONFLICT, "remove " + name + ": volume is in use - [" + user.id()
                    + "] (remove container " + user.name() + " first)");
        }
        store.delete(name);
    }

    /**
     * Removes the volumes no container (running or not) uses, as {@code docker volume prune} since Docker 23: only
     * anonymous ones, unless {@code all}, which takes named ones too. Returns the names removed.
     */
    public List<String> prune(boolean all) {
        List<String> removed = new ArrayList<>();
        for (VolumeStore.Volume v : unused()) {
            if (all || v.anonymous()) {
                store.delete(v.name());
                removed.add(v.name());
            }
        }
        return removed;
    }

    /** The volumes no container (running or not) uses: docker's {@code dangling=true}. */
    public List<VolumeStore.Volume> unused() {
        List<ContainerRecord> records = containers.get();
        List<VolumeStore.Volume> unused = new ArrayList<>();
        for (VolumeStore.Volume v : store.list()) {
            if (userOf(v.name(), records) == null) {
                unused.add(v);
            }
        }
        return unused;
    }

    private static ContainerRecord userOf(String volume, List<ContainerRecord> records) {
        for (ContainerRecord r : records) {
            for (MountSpec m : r.config().mounts()) {
                if (m.type() == MountSpec.Type.VOLUME && m.source().equals(volume)) {
                    return r;
                }
            }
        }
        return null;
    }
}
