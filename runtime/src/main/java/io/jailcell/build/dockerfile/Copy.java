package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code COPY [--from=stage|image] [--chown=u:g] [--chmod=mode] [--link] [--parents] [--exclude=p] src... dest},
 * also in JSON form and with heredoc sources.
 *
 * <pre>{@code
 * // COPY --from=build /out/app /usr/local/bin/
 * copy.from();          // Optional[build]: see Dockerfile.copySource(...) for stage or image
 * copy.sources();       // [/out/app]
 * copy.destination();   // "/usr/local/bin/"
 * }</pre>
 */
public record Copy(Location location, String original, Flags flags, List<String> sources,
                   List<Heredoc> heredocSources, String destination, boolean jsonForm) implements FileTransfer {
    public Copy {
        sources = List.copyOf(sources);
        heredocSources = List.copyOf(heredocSources);
    }

    @Override
    public Keyword keyword() {
        return Keyword.COPY;
    }

    /** {@code --from}: a stage name, a stage index or an image reference, as written. */
    public Optional<String> from() {
        return flags.value("from");
    }

    /** {@code --parents}: keep the source's parent directories under the destination. */
    public boolean parents() {
        return flags.bool("parents");
    }
}
