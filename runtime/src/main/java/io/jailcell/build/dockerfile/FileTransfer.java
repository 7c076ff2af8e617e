package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Copy} and {@link Add} share: sources, a destination, heredoc sources and the ownership flags. Every
 * string is as written: expand sources, destination and flag values with {@link ShellWords#expand} one by one
 * (Docker does not split them again).
 *
 * <pre>{@code
 * // COPY --chown=app:app <<EOF /etc/motd
 * if (instruction instanceof FileTransfer t) {
 *     t.heredocSources();   // [Heredoc[name=EOF, ...]]: write its content to <dest>/EOF, or to dest itself
 *     t.destination();      // "/etc/motd"
 *     t.chown();            // Optional[app:app]
 * }
 * }</pre>
 */
public sealed interface FileTransfer extends Instruction permits Copy, Add {
    Flags flags();

    /** The source paths (or URLs for ADD), in order, heredoc sources left out. */
    List<String> sources();

    /** Sources written as heredocs ({@code <<EOF}); each one's {@code name} is the file name to create. */
    List<Heredoc> heredocSources();

    /** The last argument. */
    String destination();

    /** Whether the arguments were a JSON array. */
    boolean jsonForm();

    default Optional<String> chown() {
        return flags().value("chown");
    }

    default Optional<String> chmod() {
        return flags().value("chmod");
    }

    /** {@code --link}: the files go into an independent layer. */
    default boolean link() {
        return flags().bool("link");
    }

    /** {@code --exclude} patterns, in order. */
    default List<String> excludes() {
        return flags().values("exclude");
    }
}
