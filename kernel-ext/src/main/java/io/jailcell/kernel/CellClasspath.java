package io.jailcell.kernel;

import io.jailcell.api.Jailcell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path cells compile against: the jailcell runtime jar and the jars its manifest lists, found either
 * in {@code lib/} next to it (the runtime's own {@code target/} layout) or next to it (the kernel's flat
 * {@code target/lib/}).
 *
 * <pre>{@code
 * List<Path> cp = CellClasspath.forRuntime();   // [.../jailcell-runtime.jar, .../jnr-posix-3.1.20.jar, ...]
 * }</pre>
 */
public final class CellClasspath {
    private CellClasspath() {
    }

    /** The runtime this kernel runs with (the jar or classes directory {@link Jailcell} is loaded from). */
    public static List<Path> forRuntime() {
        try {
            Path location = Path.of(Jailcell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return of(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jailcell runtime: " + e.getMessage(), e);
        }
    }

    /** {@code runtime} followed by the existing jars of its manifest's {@code Class-Path}. */
    public static List<Path> of(Path runtime) {
        List<Path> cp = new ArrayList<>();
        cp.add(runtime);
        if (!Files.isRegularFile(runtime)) {
            return cp;      // a classes directory (tests in the IDE): its dependencies are on the JVM's path
        }
        try (JarFile jar = new JarFile(runtime.toFile())) {
            Manifest m = jar.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            cp.addAll(resolve(runtime.getParent(), classPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runtime + ": " + e.getMessage(), e);
        }
        return cp;
    }

    /** Each entry of a manifest {@code Class-Path} under {@code dir} as written, or by its file name alone. */
    static List<Path> resolve(Path dir, String manifestClassPath) {
        List<Path> out = new ArrayList<>();
        if (manifestClassPath == null || manifestClassPath.isBlank()) {
            return out;
        }
        for (String entry : manifestClassPath.trim().split("\\s+")) {
            Path asWritten = dir.resolve(entry);
            Path flat = dir.resolve(Path.of(entry).getFileName());
            if (Files.exists(asWritten)) {
                out.add(asWritten);
            } else if (Files.exists(flat)) {
                out.add(flat);
            }
        }
        return out;
    }
}
