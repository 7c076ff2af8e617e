package io.jailcell.build;

import io.jailcell.store.layer.LayerEntry;
import io.jailcell.store.layer.TarEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code COPY <<EOF /file}: the heredoc's text becomes a file of the layer. */
final class Heredocs {
    private Heredocs() {
    }

    static LayerEntry entry(String tarPath, String content, Ownership owner, Integer chmod, Path tmp,
                            java.util.List<Path> scratch) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            Path file = Files.createTempFile(tmp, "heredoc", ".txt");
            scratch.add(file);
            Files.write(file, bytes);
            TarEntry e = TarEntry.file(tarPath, bytes.length).withMode(chmod != null ? chmod : 0644)
                    .withOwner(owner.uid(), owner.gid());
            return new LayerEntry(e, file);
        } catch (IOException e) {
            throw new BuildException("cannot stage a heredoc: " + e.getMessage(), 125, e);
        }
    }
}
