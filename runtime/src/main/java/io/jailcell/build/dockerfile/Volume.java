package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * {@code VOLUME ["/data", "/logs"]} or {@code VOLUME /data /logs}: the mount points, each as written (expand each).
 *
 * <pre>{@code
 * volume.paths();   // [/data, /logs]
 * }</pre>
 */
public record Volume(Location location, String original, List<String> paths, boolean jsonForm)
        implements Instruction {
    public Volume {
        paths = List.copyOf(paths);
    }

    @Override
    public Keyword keyword() {
        return Keyword.VOLUME;
    }
}
