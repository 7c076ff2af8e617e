package io.jailcell.store.archive;

import io.jailcell.image.Reference;
import io.jailcell.store.StoredImage;
import java.util.List;

/** One image to save and the names it is saved under (none: it is saved by id only). */
record SaveItem(StoredImage image, List<Reference> names) {
    SaveItem {
        names = List.copyOf(names);
    }
}
