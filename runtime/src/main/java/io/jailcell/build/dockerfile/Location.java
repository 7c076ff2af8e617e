package io.jailcell.build.dockerfile;

import java.util.Objects;

/**
 * Where something sits in a Dockerfile: the file name, the 1-based line and the 1-based column.
 *
 * <p>Line 0 means "the whole file" (for example an empty file); it prints as just the file name.
 *
 * <pre>{@code
 * Location at = new Location("Dockerfile", 3, 1);
 * at.toString();   // "Dockerfile:3:1"
 * }</pre>
 */
public record Location(String file, int line, int column) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** The location that stands for the whole file. */
    public static Location wholeFile(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
