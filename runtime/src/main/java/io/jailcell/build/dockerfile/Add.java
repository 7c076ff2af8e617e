package io.jailcell.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--checksum=sha256:...] [--keep-git-dir] [--exclude] [--unpack] src...
 * dest}: like COPY, but sources may be URLs or git repositories and local tar archives are unpacked.
 *
 * <pre>{@code
 * // ADD --checksum=sha256:24454f83... https://example.com/app.tar.gz /opt/
 * add.checksum();   // Optional[sha256:24454f83...]
 * }</pre>
 */
public record Add(Location location, String original, Flags flags, List<String> sources,
                  List<Heredoc> heredocSources, String destination, boolean jsonForm) implements FileTransfer {
    public Add {
        sources = List.copyOf(sources);
        heredocSources = List.copyOf(heredocSources);
    }

    @Override
    public Keyword keyword() {
        return Keyword.ADD;
    }

    public Optional<String> checksum() {
        return flags.value("checksum");
    }

    public boolean keepGitDir() {
        return flags.bool("keep-git-dir");
    }
}
