package io.jailcell.api;

import io.jailcell.image.Platform;
import io.jailcell.registry.AuthFile;
import io.jailcell.registry.ClientOptions;
import io.jailcell.registry.Credential;
import io.jailcell.registry.Progress;

/** Turns the public {@link RegistryOptions} into the registry client's. */
final class Registries {
    private Registries() {
    }

    static ClientOptions options(RegistryOptions o) {
        ClientOptions c = ClientOptions.defaults().tlsVerify(o.tlsVerify).parallel(o.parallel).chunkSize(o.chunkSize);
        if (o.platform != null) {
            c = c.platform(Platform.parse(o.platform));
        }
        if (o.user != null) {
            c = c.credential(Credential.of(o.user, o.password == null ? "" : o.password));
        }
        if (o.listener != null) {
            TransferListener l = o.listener;
            c = c.listener(new Progress() {
                @Override
                public void started(String digest, long size) {
                    l.started(digest, size);
                }

                @Override
                public void progress(String digest, long done, long size) {
                    l.progress(digest, done, size);
                }

                @Override
                public void done(String digest, long size, boolean skipped) {
                    l.done(digest, size, skipped);
                }
            });
        }
        return c;
    }

    static AuthFile authFile() {
        return AuthFile.standard();
    }
}
