package io.jailcell.store.archive;

import io.jailcell.image.Descriptor;
import io.jailcell.image.Digest;
import io.jailcell.image.Reference;
import java.util.ArrayList;
import java.util.List;

/** An image whose blobs are all in the store, with the names it is to get; tagged only when all are ready. */
record LoadedImage(Descriptor manifest, Digest id, List<Reference> names) {
    LoadedImage {
        names = new ArrayList<>(names);
    }
}
