package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.History;
import io.jailcell.image.ImageConfig;
import io.jailcell.image.Platform;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.Blobs;
import io.jailcell.store.ImageStore;
import io.jailcell.store.StoreRoot;
import io.jailcell.store.layer.LayerOptions;
import io.jailcell.store.layer.LayerWriter;
import io.jailcell.store.layer.TarEntry;
import io.jailcell.store.layer.TarReader;
import io.jailcell.store.layer.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny stores and hand-made archives for the archive tests. */
final class Fixtures {
    private Fixtures() {
    }

    static ImageStore store(Path dir) {
        return ImageStore.open(StoreRoot.at(dir));
    }

    /** A two-layer image (a base tree, then one file more) tagged {@code name}; returns its manifest descriptor. */
    static Descriptor image(ImageStore store, Path work, String name) throws IOException {
        Path base = Files.createDirectories(work.resolve("base"));
        Files.createDirectories(base.resolve("bin"));
        Files.writeString(base.resolve("bin/hello"), "#!/bin/sh\necho hello\n");
        Files.createSymbolicLink(base.resolve("sbin"), Path.of("bin"));
        Path top = Files.createDirectories(work.resolve("top"));
        Files.createDirectories(top.resolve("etc"));
        Files.writeString(top.resolve("etc/motd"), "welcome\n");
        Blobs.Layer l1 = store.blobs().putLayer(LayerWriter.fromTree(base, LayerOptions.reproducible().withOwner(0, 0)));
        Blobs.Layer l2 = store.blobs().putLayer(LayerWriter.fromTree(top, LayerOptions.reproducible().withOwner(0, 0)));
        ImageConfig cfg = new ImageConfig("1970-01-01T00:00:00Z", null, Platform.host(),
                RunConfig.EMPTY.withCmd(List.of("/bin/hello")), List.of(), List.of())
                .plus(new History("1970-01-01T00:00:00Z", "base", null, false), l1.diffId())
                .plus(new History("1970-01-01T00:00:00Z", "motd", null, false), l2.diffId());
        Descriptor m = store.writeImage(cfg, List.of(l1.blob(), l2.blob()));
        store.tag(Reference.parse(name), m);
        return m;
    }

    /** The members of a tar, name to content (directories and links map to empty arrays). */
    static Map<String, byte[]> members(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(tar))) {
            for (TarEntry e = r.next(); e != null; e = r.next()) {
                out.put(e.name(), r.content().readAllBytes());
            }
        }
        return out;
    }

    /** A tar of {@code members} in the given order; a value starting with "->" makes a symlink. */
    static byte[] tar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(out)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                String s = new String(m.getValue(), StandardCharsets.ISO_8859_1);
                if (s.startsWith("->")) {
                    w.write(TarEntry.symlink(m.getKey(), s.substring(2)));
                } else {
                    w.write(TarEntry.file(m.getKey(), m.getValue().length), m.getValue());
                }
            }
        }
        return out.toByteArray();
    }

    static byte[] save(ImageStore store, Format format, String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageArchives.save(store, List.of(names), out, format);
        return out.toByteArray();
    }

    static List<String> load(ImageStore store, byte[] archive, String fileName) {
        return ImageArchives.load(store, new ByteArrayInputStream(archive), fileName);
    }

    static List<String> names(ImageStore store) {
        List<String> out = new ArrayList<>();
        store.list().forEach(i -> out.addAll(i.names()));
        return out;
    }
}
