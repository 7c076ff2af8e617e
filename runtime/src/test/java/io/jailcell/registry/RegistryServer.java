package io.jailcell.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on 127.0.0.1 and a free port, with its storage in a temporary directory:
 * open, or with htpasswd Basic auth, or with token auth. Closing stops the process and deletes the directory.
 * Public for kernel-ext's ITs, which get it from this module's test jar.
 */
public final class RegistryServer implements AutoCloseable {
    static final String USER = "tester";
    static final String PASSWORD = "pa55-w0rd";

    final Path dir;
    public final int port;
    private final Process process;

    private RegistryServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/docker-registry"));
    }

    public static RegistryServer open() {
        return start("", null);
    }

    /** With Basic auth: {@link #USER} / {@link #PASSWORD}. */
    static RegistryServer withHtpasswd() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) is not installed");
        return start("auth:\n  htpasswd:\n    realm: jc-test\n    path: DIR/htpasswd\n", dir -> run("htpasswd",
                "-Bbc", dir.resolve("htpasswd").toString(), USER, PASSWORD));
    }

    /** With token auth whose realm is {@code realm}, trusting the certificate at {@code cert}. */
    static RegistryServer withToken(String realm, Path cert) {
        return start("auth:\n  token:\n    realm: " + realm + "\n    service: jc-test\n    issuer: jc-test-issuer\n"
                + "    rootcertbundle: " + cert + "\n", null);
    }

    private static RegistryServer start(String auth, java.util.function.Consumer<Path> prepare) {
        assumeTrue(available(), "docker-registry is not installed (CI installs it from .ci/packages)");
        try {
            Path dir = Files.createTempDirectory("jc-registry");
            if (prepare != null) {
                prepare.accept(dir);
            }
            int port = freePort();
            String config = "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                    + "storage:\n  filesystem:\n    rootdirectory: DIR/data\n  delete:\n    enabled: true\n"
                    + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: jc-test-secret\n" + auth;
            Files.writeString(dir.resolve("config.yml"), config.replace("DIR", dir.toString()));
            Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            RegistryServer s = new RegistryServer(dir, port, p);
            s.awaitListening();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve(
                        "registry.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port + " within 20 s");
    }

    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run("rm", "-rf", dir.toString());
    }
}
