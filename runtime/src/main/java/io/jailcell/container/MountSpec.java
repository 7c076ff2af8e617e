package io.jailcell.container;

import io.jailcell.container.ContainerException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * One of a container's extra mounts: a bind mount of a host path, a named volume, or a tmpfs, as
 * {@code docker run -v}, {@code --tmpfs} and {@code --mount} describe them.
 *
 * @param source  the host path (bind), the volume name (volume), unused for tmpfs
 * @param options tmpfs options such as {@code size=16m,mode=1777}; for a bind mount {@code create-src} when a
 *                missing source directory is to be made; for a volume {@code anonymous} when it was made for the
 *                container alone (an image's VOLUME); empty otherwise
 */
public record MountSpec(Type type, String source, String target, boolean readOnly, String options) {
    /** The bind option that makes a missing source directory ({@code --mount ...,bind-create-src}). */
    public static final String CREATE_SOURCE = "create-src";

    /** The volume option of an anonymous volume: made for one container, removed with it by --rm or rm -v. */
    public static final String ANONYMOUS = "anonymous";

    /** The kinds of mount. */
    public enum Type { BIND, VOLUME, TMPFS }

    public MountSpec {
        if (target == null || !target.startsWith("/")) {
            throw new ContainerException(Kind.INVALID, "invalid mount target '" + target
                    + "': it must be an absolute path inside the container");
        }
        if (target.equals("/")) {
            throw new ContainerException(Kind.INVALID, "invalid mount target '/': the root filesystem is the "
                    + "image's; mount below it");
        }
        options = options == null ? "" : options;
    }

    /** A fresh anonymous volume at {@code target}, named by a random 64-hex id as docker names them. */
    public static MountSpec anonymousVolume(String target) {
        return anonymousVolume(target, false);
    }

    private static MountSpec anonymousVolume(String target, boolean readOnly) {
        return new MountSpec(Type.VOLUME, io.jailcell.linux.Urandom.hex(32), target, readOnly, ANONYMOUS);
    }

    /** Whether this is an anonymous volume (see {@link #ANONYMOUS}). */
    public boolean anonymous() {
        return type == Type.VOLUME && options.equals(ANONYMOUS);
    }

    /**
     * {@code -v [SOURCE:]TARGET[:ro|rw]}: an absolute source is a bind mount, any other names a volume, and no
     * source at all ({@code -v /data}, {@code -v /data:ro}) asks for an anonymous volume, as in docker.
     */
    public static MountSpec parseVolume(String spec) {
        String[] parts = spec.split(":", -1);
        boolean targetOnly = parts.length == 1 || parts.length == 2 && isMode(parts[1]);
        if (targetOnly && parts[0].startsWith("/")) {
            return anonymousVolume(parts[0], parts.length == 2 && readOnlyMode(parts[1], spec));
        }
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ContainerException(Kind.INVALID, "invalid volume specification '" + spec + "': use "
                    + "/host/path:/in/container[:ro], NAME:/in/container[:ro] or /in/container[:ro]");
        }
        boolean readOnly = parts.length == 3 && readOnlyMode(parts[2], spec);
        Type type = parts[0].startsWith("/") ? Type.BIND : Type.VOLUME;
        if (type == Type.VOLUME) {
            checkVolumeName(parts[0]);
        }
        return new MountSpec(type, parts[0], parts[1], readOnly, "");
    }

    /** {@code --tmpfs TARGET[:OPTIONS]}, e.g. {@code /run:size=16m,mode=1777}. */
    public static MountSpec parseTmpfs(String spec) {
        int colon = spec.indexOf(':');
        String target = colon < 0 ? spec : spec.substring(0, colon);
        String options = colon < 0 ? "" : spec.substring(colon + 1);
        boolean readOnly = false;
        List<String> kept = new ArrayList<>();
        for (String o : options.split(",")) {
            if (o.equals("ro")) {
                readOnly = true;
            } else if (!o.isEmpty() && !o.equals("rw")) {
                kept.add(o);
            }
        }
        return new MountSpec(Type.TMPFS, "", target, readOnly, String.join(",", kept));
    }

    /**
     * {@code --mount type=bind|volume|tmpfs,source=...,target=...[,readonly][,tmpfs-size=...][,tmpfs-mode=...]}
     * ({@code src}, {@code dst} and {@code destination} are accepted too, as docker does); a volume without a
     * source is an anonymous one.
     */
    public static MountSpec parseMount(String spec) {
        String type = "volume";
        String source = "";
        String target = null;
        boolean readOnly = false;
        boolean createSource = false;
        List<String> tmpfs = new ArrayList<>();
        for (String field : spec.split(",")) {
            int eq = field.indexOf('=');
            String key = eq < 0 ? field : field.substring(0, eq);
            String value = eq < 0 ? "" : field.substring(eq + 1);
            switch (key) {
                case "type" -> type = value;
                case "source", "src" -> source = value;
                case "target", "dst", "destination" -> target = value;
                case "readonly", "ro" -> readOnly = value.isEmpty() || value.equals("true") || value.equals("1");
                case "bind-create-src" -> createSource = value.isEmpty() || value.equals("true") || value.equals("1");
                case "tmpfs-size" -> tmpfs.add("size=" + value);
                case "tmpfs-mode" -> tmpfs.add("mode=" + value);
                default -> throw new ContainerException(Kind.INVALID, "invalid --mount field '" + key + "' in '"
                        + spec + "': use type, source, target, readonly, bind-create-src, tmpfs-size, tmpfs-mode");
            }
        }
        switch (type) {
            case "bind" -> {
                if (!source.startsWith("/")) {
                    throw new ContainerException(Kind.INVALID, "invalid --mount '" + spec + "': a bind mount needs "
                            + "an absolute source path");
                }
                return new MountSpec(Type.BIND, source, target, readOnly, createSource ? CREATE_SOURCE : "");
            }
            case "volume" -> {
                if (source.isEmpty()) {
                    return anonymousVolume(target, readOnly);
                }
                checkVolumeName(source);
                return new MountSpec(Type.VOLUME, source, target, readOnly, "");
            }
            case "tmpfs" -> {
                return new MountSpec(Type.TMPFS, "", target, readOnly, String.join(",", tmpfs));
            }
            default -> throw new ContainerException(Kind.INVALID, "invalid --mount type '" + type
                    + "': use bind, volume or tmpfs");
        }
    }

    /** As one line for the state file: {@code TYPE|SOURCE|TARGET|ro|OPTIONS}. */
    String encode() {
        return type + "|" + source + "|" + target + "|" + (readOnly ? "ro" : "rw") + "|" + options;
    }

    static MountSpec decode(String line) {
        String[] f = line.split("\\|", -1);
        return new MountSpec(Type.valueOf(f[0]), f[1], f[2], f[3].equals("ro"), f[4]);
    }

    private static boolean isMode(String mode) {
        return mode.equals("ro") || mode.equals("rw");
    }

    private static boolean readOnlyMode(String mode, String spec) {
        return switch (mode) {
            case "ro" -> true;
            case "rw", "" -> false;
            default -> throw new ContainerException(Kind.INVALID, "invalid mode '" + mode + "' in volume '" + spec
                    + "': use ro or rw");
        };
    }

    static void checkVolumeName(String name) {
        if (!io.jailcell.linux.PlainName.matches(name) || name.length() < 2) {
            throw new ContainerException(Kind.INVALID, "invalid volume name '" + name + "': use at least two of "
                    + "[a-zA-Z0-9_.-], starting with a letter or digit, or an absolute host path for a bind mount");
        }
    }
}
