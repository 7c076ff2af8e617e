package io.jailcell.api;

import io.jailcell.image.ChainIds;
import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.History;
import io.jailcell.image.Reference;
import io.jailcell.image.RunConfig;
import io.jailcell.store.StoredImage;
import java.util.ArrayList;
import java.util.List;

/** Stored images as the public {@link ImageInfo}. */
final class ImageInfos {
    private ImageInfos() {
    }

    static ImageInfo of(StoredImage img) {
        List<ImageInfo.Layer> layers = new ArrayList<>();
        List<Digest> chain = ChainIds.of(img.config().diffIds());
        List<History> made = new ArrayList<>();
        for (History h : img.config().history()) {
            if (!h.emptyLayer()) {
                made.add(h);
            }
        }
        for (int i = 0; i < img.manifest().layers().size(); i++) {
            Descriptor d = img.manifest().layers().get(i);
            layers.add(new ImageInfo.Layer(d.digest().toString(), d.size(), img.config().diffIds().get(i).toString(),
                    chain.get(i).toString(), i < made.size() ? made.get(i).createdBy() : null));
        }
        List<String> names = new ArrayList<>();
        for (String n : img.names()) {
            names.add(Reference.parse(n).familiar());
        }
        RunConfig c = img.config().config();
        String platform = img.config().platform() == null ? "" : img.config().platform().toString();
        return new ImageInfo(img.id().toString(), img.manifestDigest().toString(), names, img.config().created(),
                img.size(), platform, layers, c.cmd(), c.entrypoint(), c.env(), c.workingDir(), c.user(),
                c.exposedPorts(), c.volumes(), c.labels(), c.stopSignal(), c.onBuild());
    }
}
