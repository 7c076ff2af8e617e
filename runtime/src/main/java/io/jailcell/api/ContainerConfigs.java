package io.jailcell.api;

import io.jailcell.container.ContainerConfig;
import io.jailcell.container.MountSpec;
import io.jailcell.image.RunConfig;
import io.jailcell.linux.cgroup.CgroupLimits;
import io.jailcell.store.LocalImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a public {@link ContainerSpec} into the engine's {@link ContainerConfig}: the image found (or pulled)
 * with its defaults applied, namespaces, network, mounts, limits and seccomp profile checked.
 */
final class ContainerConfigs {
    private ContainerConfigs() {
    }

    /** The config of {@code spec} in the store of {@code jailcell}, whose images are opened on first use. */
    static ContainerConfig of(Jailcell jailcell, ContainerSpec spec) {
        Optional<LocalImages.Prepared> image;
        try {
            image = jailcell.local().prepare(spec.image);
        } catch (RuntimeException e) {
            throw Errors.of(e);
        }
        if (image.isEmpty() && ImageTransfers.pullable(spec.image)) {
            try {
                ImageTransfers.pull(jailcell.local(), spec.image, RegistryOptions.defaults());
                image = jailcell.local().prepare(spec.image);
            } catch (JailcellException e) {
                throw new NotFoundException("Unable to find image '" + spec.image + "' locally, and pulling it "
                        + "failed: " + e.getMessage());
            } catch (RuntimeException e) {
                throw Errors.of(e);
            }
        }
        if (image.isEmpty()) {
            throw new NotFoundException("Unable to find image '" + spec.image + "' locally: build it (jailcell "
                    + "build), load it (jailcell load), pull it (jailcell pull), or use busybox or an absolute path "
                    + "to a root filesystem");
        }
        RunConfig defaults = image.get().config();
        List<String> command = ImageDefaults.command(spec.entrypoint, spec.command, defaults,
                image.get().chain().isEmpty());
        List<String> layers = new ArrayList<>();
        for (Path p : image.get().lowerDirs()) {
            layers.add(p.toString());
        }
        Map<String, String> ns = new LinkedHashMap<>();
        boolean rootless = jailcell.engine().rootless();
        for (String kind : ContainerSpec.NAMESPACES) {
            ns.put(kind, "private");
        }
        ns.put("user", rootless ? "private" : "host");
        String network = spec.network == null || spec.network.isEmpty() ? "none" : spec.network;
        switch (network) {
            case "none" -> ns.put("net", "private");
            case "host" -> ns.put("net", "host");
            default -> {
                if (network.startsWith("container:")) {
                    ns.put("net", network);
                } else {
                    network = NetworkSupport.check(jailcell.engine(), network);
                    ns.put("net", "private");
                }
            }
        }
        NetworkSupport.checkPorts(network, spec.ports, spec.extraHosts, rootless);
        ns.putAll(spec.namespaces);
        if (rootless && !spec.namespaces.containsKey("user")) {
            // A rootless container that shares another's namespaces must live in that one's user namespace.
            for (String mode : List.copyOf(ns.values())) {
                if (mode.startsWith("container:")) {
                    ns.put("user", mode);
                    break;
                }
            }
        }
        return new ContainerConfig(spec.image, image.get().manifestDigest(), layers, command,
                ImageDefaults.env(defaults, spec.env), spec.workdir != null ? spec.workdir : defaults.workingDir(),
                spec.user != null ? spec.user : defaults.user(), spec.hostname, ns, spec.capAdd, spec.capDrop,
                spec.ulimits, spec.readOnly, spec.init, network, spec.autoRemove, rootless, spec.interactive,
                limits(spec.resources).validate(), mounts(spec, defaults), spec.ports, spec.extraHosts,
                seccompProfile(spec.seccompProfile), spec.privileged);
    }

    /** null (the default profile), {@code unconfined}, or the JSON of the profile file named, checked now. */
    private static String seccompProfile(String option) {
        if (option == null || option.equals("unconfined")) {
            return option;
        }
        try {
            byte[] json = java.nio.file.Files.readAllBytes(Path.of(option));
            io.jailcell.linux.seccomp.SeccompProfile.parse(json);
            return new String(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidSpecException("cannot read the seccomp profile " + option + ": " + e.getMessage());
        } catch (io.jailcell.linux.seccomp.SeccompProfileException e) {
            throw new InvalidSpecException(option + ": " + e.getMessage());
        }
    }

    /** The mounts asked for, then an anonymous volume for each of the image's VOLUME paths they leave open. */
    private static List<MountSpec> mounts(ContainerSpec spec, RunConfig image) {
        List<MountSpec> asked = asked(spec);
        if (image.volumes().isEmpty()) {
            return asked;
        }
        List<MountSpec> mounts = new ArrayList<>(asked);
        mounts.addAll(io.jailcell.container.AnonymousVolumes.forImage(spec.image, image.volumes(), asked));
        return mounts;
    }

    private static List<MountSpec> asked(ContainerSpec spec) {
        List<MountSpec> mounts = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (String m : spec.mounts) {
            String value = m.substring(2);
            MountSpec mount = switch (m.charAt(0)) {
                case 'v' -> MountSpec.parseVolume(value);
                case 't' -> MountSpec.parseTmpfs(value);
                default -> MountSpec.parseMount(value);
            };
            // Two mounts on one path: the second would hide the first, so docker refuses the container.
            if (!targets.add(Path.of(mount.target()).normalize().toString())) {
                throw new InvalidSpecException("Duplicate mount point: " + mount.target()
                        + " (each path in the container takes one -v, --mount or --tmpfs)");
            }
            mounts.add(mount);
        }
        return mounts;
    }

    static CgroupLimits limits(Resources r) {
        return new CgroupLimits(r.memoryBytes(), r.memorySwapBytes(), r.cpuQuotaMicros(), r.cpuPeriodMicros(),
                r.cpuShares(), r.cpusetCpus(), r.cpusetMems(), r.pidsLimit(), r.blkioWeight());
    }

    static Resources resources(CgroupLimits l) {
        return new Resources(l.memoryBytes(), l.memorySwapBytes(), l.cpuQuotaMicros(), l.cpuPeriodMicros(),
                l.cpuShares(), l.cpusetCpus(), l.cpusetMems(), l.pidsMax(), l.blkioWeight());
    }
}
