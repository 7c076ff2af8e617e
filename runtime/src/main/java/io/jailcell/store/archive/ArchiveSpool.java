package io.jailcell.store.archive;

import io.jailcell.image.Digest;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreException;
import io.jailcell.store.layer.TarEntry;
import io.jailcell.store.layer.TarFormatException;
import io.jailcell.store.layer.TarReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An archive read once from a stream, whose members may come in any order: {@code blobs/sha256/HEX} go straight
 * into the store (verified against their names), small files stay in memory, everything else is spooled to a
 * private directory under the store's tmp (so layers can be adopted as blobs by a rename), hashed on the way.
 * Closing deletes what was spooled and not adopted.
 */
final class ArchiveSpool implements AutoCloseable {
    private static final int IN_MEMORY = 1 << 20;
    /** Past this many bytes held in memory, even small members are spooled: an archive of many is no memory bomb. */
    private static final long MEMORY_BUDGET = 64L << 20;
    private static final int MAX_HOPS = 16;

    private final ImageStore store;
    private final Path dir;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final Set<Digest> blobs = new HashSet<>();
    private int spooled;
    private long inMemory;

    /** A member's content: in memory, or a spooled file; or, for an archive blob, in the store already. */
    record Member(String name, byte[] bytes, Path file, Digest digest, long size) {
        InputStream open() throws IOException {
            return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
        }

        byte[] readAll() throws IOException {
            return bytes != null ? bytes : Files.readAllBytes(file);
        }
    }

    private ArchiveSpool(ImageStore store, Path dir) {
        this.store = store;
        this.dir = dir;
    }

    /** Reads the whole tar; a truncated or garbled one fails with a {@link TarFormatException}. */
    static ArchiveSpool read(ImageStore store, InputStream in) throws IOException {
        ArchiveSpool spool = new ArchiveSpool(store, Files.createTempDirectory(store.tmp(), "load"));
        try {
            TarReader tar = new TarReader(in);
            for (TarEntry e = tar.next(); e != null; e = tar.next()) {
                spool.add(e, tar.content());
            }
            return spool;
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private void add(TarEntry e, InputStream content) throws IOException {
        String name = normalize(e.name());
        switch (e.type()) {
            case FILE -> {
                Digest blob = blobName(name);
                if (blob != null) {
                    putBlob(name, blob, content);
                } else if (e.size() <= IN_MEMORY && inMemory + e.size() <= MEMORY_BUDGET) {
                    byte[] b = content.readAllBytes();
                    inMemory += b.length;
                    members.put(name, new Member(name, b, null, Digest.of(b), b.length));
                } else {
                    spool(name, content);
                }
            }
            case SYMLINK -> links.put(name, resolve(parent(name), e.linkName()));
            case HARDLINK -> links.put(name, normalize(e.linkName()));
            default -> {
                // directories and anything else carry nothing an image needs
            }
        }
    }

    private void putBlob(String name, Digest d, InputStream content) throws IOException {
        try {
            store.blobs().put(d, content::transferTo);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof TarFormatException t) {
                throw t;
            }
            throw e;
        } catch (StoreException e) {
            throw new ArchiveException("archive member " + name + " is damaged: " + e.getMessage(), e);
        }
        blobs.add(d);
    }

    private void spool(String name, InputStream content) throws IOException {
        Path file = dir.resolve("m" + spooled++);
        MessageDigest md = Digest.sha256();
        long n;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md)) {
            n = content.transferTo(out);
        }
        members.put(name, new Member(name, null, file, Digest.fromHash(md.digest()), n));
    }

    /** The member at {@code path} (following links), or null when the archive has none. */
    Member find(String path) {
        String p = normalize(path);
        for (int hops = 0; links.containsKey(p) && hops < MAX_HOPS; hops++) {
            p = links.get(p);
        }
        Member m = members.get(p);
        if (m != null) {
            return m;
        }
        Digest blob = blobName(p);
        if (blob != null && blobs.contains(blob)) {
            return new Member(p, null, store.blobs().path(blob), blob, store.blobs().size(blob));
        }
        return null;
    }

    /** Whether the archive held {@code blobs/sha256/HEX} (it is in the store now). */
    boolean hasBlob(Digest d) {
        return blobs.contains(d);
    }

    /** Whether {@code member} is a blob of the archive that was stored as it came. */
    boolean isStoredBlob(Member member) {
        return member.bytes() == null && member.file().startsWith(store.layout());
    }

    private static Digest blobName(String name) {
        if (!name.startsWith("blobs/sha256/") || name.length() != 13 + 64) {
            return null;
        }
        try {
            return Digest.ofHex(name.substring(13));
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** {@code target} seen from directory {@code base}, with {@code .} and {@code ..} folded (never above the root). */
    static String resolve(String base, String target) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        String joined = target.startsWith("/") ? target : base + "/" + target;
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    @Override
    public void close() {
        io.jailcell.store.Trees.delete(dir);
    }
}
