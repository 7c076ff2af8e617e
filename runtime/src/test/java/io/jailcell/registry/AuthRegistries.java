package io.jailcell.registry;

import java.nio.file.Files;

/**
 * Two real docker-registry instances on loopback that want credentials — htpasswd Basic auth, and token auth with
 * its token server — with the stores of the test that uses them; closing ends all of it, also after a half start.
 */
final class AuthRegistries implements AutoCloseable {
    final Stores stores;
    RegistryServer basic;
    TokenServer tokens;
    RegistryServer bearer;

    private AuthRegistries(Stores stores) {
        this.stores = stores;
    }

    static AuthRegistries start() throws Exception {
        AuthRegistries r = new AuthRegistries(new Stores());
        try {
            r.basic = RegistryServer.withHtpasswd();
            Files.createDirectories(r.stores.dir.resolve("token"));
            r.tokens = new TokenServer(r.stores.dir.resolve("token"));
            r.bearer = RegistryServer.withToken(r.tokens.realm(), r.tokens.cert);
            return r;
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {bearer, basic, tokens, stores}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the others are still closed
            }
        }
    }
}
