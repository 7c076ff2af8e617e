package io.jailcell.store.archive;

import io.jailcell.store.layer.TarEntry;
import io.jailcell.store.layer.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the members of an archive and writes them sorted by name, owned by 0:0, with mtime 0 and fixed modes,
 * so that the same images always give the same bytes. Parent directories are added for every member; a name
 * added twice (a blob two images share) is written once.
 */
final class ArchiveWriter {
    /** Opens a member's content; it must give exactly the size announced. */
    interface Content {
        InputStream open() throws IOException;
    }

    private record Member(TarEntry entry, Content content) {
    }

    // The names are ASCII, so String order is byte order.
    private final Map<String, Member> members = new TreeMap<>();

    void file(String name, byte[] content) {
        file(name, content.length, () -> new ByteArrayInputStream(content));
    }

    void file(String name, long size, Content content) {
        parents(name);
        members.putIfAbsent(name, new Member(TarEntry.file(name, size).withMode(0644), content));
    }

    private void parents(String name) {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String dir = name.substring(0, slash);
            members.putIfAbsent(dir, new Member(TarEntry.dir(dir).withMode(0755), null));
        }
    }

    /** Writes the tar and its end marker; {@code out} stays open. */
    void writeTo(OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        for (Member m : members.values()) {
            if (m.content() == null) {
                tar.write(m.entry());
                continue;
            }
            try (InputStream in = m.content().open()) {
                tar.write(m.entry(), in);
                // Reading to the end makes a verifying blob stream check its digest.
                if (in.read() >= 0) {
                    throw new ArchiveException("'" + m.entry().name() + "' grew while it was saved: expected "
                            + m.entry().size() + " bytes; save again");
                }
            }
        }
        tar.finish();
        out.flush();
    }
}
