package io.jailcell.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OS and CPU an image runs on, as an index names it: {@code linux/amd64}, {@code linux/arm64/v8}.
 *
 * <pre>{@code
 * Platform.parse("linux/arm64/v8").architecture();   // "arm64"
 * }</pre>
 */
public record Platform(String os, String architecture, String variant) {

    /** The platform of this JVM's host, in Go's names ({@code amd64}, {@code arm64}). */
    public static Platform host() {
        String arch = System.getProperty("os.arch");
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch;
        };
        return new Platform("linux", goArch, null);
    }

    /** Parses {@code os/arch[/variant]}. */
    public static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ImageFormatException("bad platform '" + text + "': write os/arch[/variant], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** Whether an image for {@code other} runs here; a missing variant on either side matches any. */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || other.variant == null || variant.equals(other.variant));
    }

    static Platform from(Fields f) {
        return new Platform(f.required("os"), f.required("architecture"), f.string("variant"));
    }

    Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", architecture);
        m.put("os", os);
        if (variant != null) {
            m.put("variant", variant);
        }
        return m;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
